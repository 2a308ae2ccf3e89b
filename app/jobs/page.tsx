import type { Metadata } from "next";
import { getDatabase } from "@/db/client";
import { listJobs } from "@/db/jobs";
import { JobList } from "@/components/job-list";
import { jobView } from "@/lib/jobs/job-view";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Jobs" };

export default function JobsPage() {
  const jobs = listJobs(getDatabase(), { limit: 100 }).map(jobView);
  return (
    <>
      <h1>Jobs</h1>
      <p className="muted">Long-running stages (caching, explaining, scoring, simulating): what runs now, and what failed with why. A killed job resumes from its last progress.</p>
      <JobList initialJobs={jobs} />
    </>
  );
}
