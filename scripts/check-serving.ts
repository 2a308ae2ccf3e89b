// `npm start` runs this before `next start -H $REWRITE_HOST`: a server that would listen beyond this machine
// without an access token, or with a bad setting, does not start at all (its proxy would refuse every request).
import { serverPolicy } from "@/lib/http/server-policy";

// No argv: the address is REWRITE_HOST, the one `npm start` passes to next start.
const { refusal } = serverPolicy(process.env, []);
if (refusal) {
  console.error(`Not starting: ${refusal}.`);
  process.exit(1);
}
