// The schemas the sync transport parses answers with, in one lazily loaded chunk (zod and the
// protocol are kept out of the first screen's JavaScript; see api/wire.ts).
export { DeviceStatusResponse, ErrorBody } from "../../protocol/auth.ts";
export {
  AlertResponse,
  CLOCK_SKEW_FLAG_MS,
  MAX_PUSH_MUTATIONS,
  PullResponse,
  PushResponse,
} from "../../protocol/sync.ts";
