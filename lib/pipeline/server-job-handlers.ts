// The job kinds this server can resume from /jobs, each with the handler its CLI command or page runs, built on the
// server's own settings (data folder, LLM server, pack runtimes). A kind missing here resumes from the CLI only.
import type { RewriteDatabase } from "@/db/client";
import { cacheJobHandler, CACHE_JOB_KIND } from "@/lib/cache/cache-job";
import { packCacheRuntime } from "@/lib/cache/pack-cache-runtime";
import { EVALUATION_JOB_KIND, evaluationJobHandler } from "@/lib/evaluate";
import { EXPLORER_JOB_KIND, explorerJobHandler } from "@/lib/explore/explorer-job";
import { explorerSimulator } from "@/lib/explore/explorer-simulator";
import type { JobHandler } from "@/lib/jobs/job-runner";
import { LlmClient, readLlmConfig } from "@/lib/llm";
import { getPackRuntime } from "@/lib/runtime/pack-runtime";
import { dataDir } from "@/lib/settings";
import { EXPLAIN_JOB_KIND, explainJobHandler } from "./explain-job";
import { SCORE_JOB_KIND, scoreJobHandler } from "./score-job";
import { SIMULATE_JOB_KIND, simulateJobHandler } from "./simulate-job";

export function serverJobHandlers(db: RewriteDatabase): Readonly<Record<string, JobHandler<unknown>>> {
  const config = readLlmConfig(process.env);
  const client = config ? new LlmClient(config) : null;
  return {
    [EXPLAIN_JOB_KIND]: explainJobHandler({ db, client }),
    [SCORE_JOB_KIND]: scoreJobHandler({ db, client }),
    [SIMULATE_JOB_KIND]: simulateJobHandler({ db, client }),
    [CACHE_JOB_KIND]: cacheJobHandler({ db, dataDir: dataDir(), loadRuntime: async (packDir) => packCacheRuntime(getPackRuntime(packDir)) }),
    [EVALUATION_JOB_KIND]: evaluationJobHandler({ db, loadRuntime: getPackRuntime }),
    [EXPLORER_JOB_KIND]: explorerJobHandler({ db, explorer: explorerSimulator(), loadRuntime: getPackRuntime }),
  };
}
