// Every wire schema the phone parses with, in one lazily loaded chunk: zod and the protocol
// schemas are ~25 KB gzip, and the first screen (home from the synced view, or the login
// form) needs none of them to paint. api-client loads this module on the first call.

export {
  AdminDeviceList,
  AdminStaffList,
  EndSessionsAnswer,
  type OneTimePassword,
  ResetPasswordAnswer,
  StaffWithSessions,
} from "../../protocol/admin.ts";
export { DemoResponse, ErrorBody, LoginResponse, MeResponse } from "../../protocol/auth.ts";
export { ImportRefused, ImportResult } from "../../protocol/csv-import.ts";
