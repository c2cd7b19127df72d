// 设备 (admin, online only): the school's phones, who is signed in on each and when it was last
// seen; a lost or stolen phone is revoked here. The server ends its sessions at once and its next
// contact wipes the school's data on it (src/server/routes/admin.ts, src/client/db/mirror-store.ts
// wipeSchool). The id shows only its end (ui/device-label.ts).
import { useCallback, useEffect, useState } from "react";
import type { AdminDevice } from "../../../protocol/admin.ts";
import { sessionApi } from "../../api/session-api.ts";
import type { AccountRow } from "../../db/db.ts";
import { shortDeviceId } from "../../ui/device-label.ts";
import { formatMoment, t } from "../../ui/i18n.ts";
import { ad } from "./admin-text.ts";
import { AdminHeader, Loading } from "./admin-ui.tsx";
import { errorText } from "./import-section.tsx";

export function DevicesSection({ account }: { account: AccountRow }) {
  const [devices, setDevices] = useState<AdminDevice[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const answer = await sessionApi.call(account, "GET", "/admin/devices", (w) => w.AdminDeviceList);
      setDevices(answer.devices);
      setError(null);
    } catch (caught) {
      setError(errorText(caught));
    }
  }, [account]);
  useEffect(() => {
    void load();
  }, [load]);

  async function revoke(device: AdminDevice) {
    setDone(null);
    try {
      await sessionApi.callNoContent(
        account,
        "POST",
        `/admin/devices/${encodeURIComponent(device.id)}/revoke`,
      );
      setDone(ad("deviceRevokedDone", { id: shortDeviceId(device.id) }));
    } catch (caught) {
      setError(errorText(caught));
    }
    await load();
  }

  // This phone first, then the others as the server lists them (most recently seen first).
  const live = (devices ?? [])
    .filter((d) => d.revokedAt === null)
    .sort((a, b) => Number(b.isThisDevice) - Number(a.isThisDevice));
  const revoked = devices?.filter((d) => d.revokedAt !== null) ?? [];
  return (
    <div className="page stack">
      <AdminHeader title={ad("sectionDevices")} backTo="/admin" />
      <p className="muted">{ad("devicesIntro")}</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {done ? (
        <p className="ok-text" role="status">
          {done}
        </p>
      ) : null}
      {devices === null ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <ul className="stack-small device-list" aria-label={ad("sectionDevices")}>
            {live.map((d) => (
              <DeviceCard key={d.id} device={d} onRevoke={() => revoke(d)} />
            ))}
          </ul>
          {revoked.length > 0 ? (
            <section className="stack-small" aria-labelledby="revoked-title">
              <h2 id="revoked-title" className="eyebrow">
                {ad("devicesRevoked", { n: revoked.length })}
              </h2>
              <ul className="stack-small device-list">
                {revoked.map((d) => (
                  <DeviceCard key={d.id} device={d} />
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}

function DeviceCard({ device, onRevoke }: { device: AdminDevice; onRevoke?: () => Promise<void> }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const title = shortDeviceId(device.id);
  return (
    <li className="card stack-small">
      <p>
        <strong className="mono">{title}</strong>
        {device.isThisDevice ? <span className="tag">{ad("thisDevice")}</span> : null}
      </p>
      <p className="muted">
        {device.revokedAt
          ? ad("deviceRevokedAt", { time: formatMoment(new Date(device.revokedAt)) })
          : ad("deviceLastSeen", { time: formatMoment(new Date(device.lastSeenAt)) })}
      </p>
      <p>
        {device.signedIn.length > 0
          ? ad("deviceSignedIn", { names: device.signedIn.join("、") })
          : device.lastUser
            ? ad("deviceNobodyLast", { name: device.lastUser })
            : ad("deviceNobody")}
      </p>
      {onRevoke && !device.isThisDevice ? (
        isConfirming ? (
          <div className="stack-small">
            <p className="warn-text">{ad("revokeExplain")}</p>
            <div className="button-row">
              <button
                type="button"
                className="button button-danger"
                disabled={isBusy}
                onClick={async () => {
                  setIsBusy(true);
                  await onRevoke();
                  setIsBusy(false);
                  setIsConfirming(false);
                }}
              >
                {isBusy ? t("loading") : ad("revokeConfirm")}
              </button>
              <button
                type="button"
                className="button button-secondary"
                disabled={isBusy}
                onClick={() => setIsConfirming(false)}
              >
                {ad("cancel")}
              </button>
            </div>
          </div>
        ) : (
          <button
            type="button"
            className="button button-secondary"
            aria-label={`${ad("revoke")} ${title}`}
            onClick={() => setIsConfirming(true)}
          >
            {ad("revoke")}
          </button>
        )
      ) : null}
    </li>
  );
}
