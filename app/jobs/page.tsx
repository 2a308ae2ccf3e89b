import type { Metadata } from "next";
import { getDatabase } from "@/db/client";
import { JobList } from "@/components/job-list";
import { listJobViews } from "@/lib/pipeline/job-list-views";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  const jobs = listJobViews(getDatabase(), { limit: 100 });
  return (
    <>
      <h1>Jobs</h1>
      <p className="muted">
        Long-running stages (caching, explaining, scoring, simulating, evaluating): what runs now, what failed and why. A job whose process stopped or died is
        interrupted; resume it here or by running the same command again, and it continues from its last progress.
      </p>
      <JobList initialJobs={jobs} />
    </>
  );
}
