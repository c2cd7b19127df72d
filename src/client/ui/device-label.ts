// A phone's device id as people see it: only its last six characters, enough to tell the
// school's phones apart on 管理 → 设备 and match them with 本机, too little to sign in claiming
// it (the server also wants the phone's key: src/server/auth/device-binding.ts).
export function shortDeviceId(deviceId: string): string {
  return `…${deviceId.slice(-6)}`;
}
