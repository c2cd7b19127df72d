// What the boarders' pages (/leave, /where) wait for before they draw: the school directory
// and the boarders' records on this phone, with the same "no school yet" and loading screens.
import type { AccountRow } from "../../db/db.ts";
import { useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { type SchoolDirectory, useSchoolDirectory } from "../../ui/school-directory.ts";
import { type BoardersData, useBoardersData } from "./boarders-data.ts";
import { bt } from "./boarders-text.ts";

export interface BoardersBodyProps {
  account: AccountRow;
  directory: SchoolDirectory;
  data: BoardersData;
}

export function BoardersFrame({
  account,
  title,
  Body,
}: {
  account: AccountRow;
  title: string;
  Body: (props: BoardersBodyProps) => React.ReactNode;
}) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  const data = useBoardersData(account.schoolId);
  if (!directory)
    return <NoDirectory directory={directory} title={title} message={bt("noSchool")} back={<BackLink />} />;
  if (!data) return <Splash />;
  return <Body account={account} directory={directory} data={data} />;
}
