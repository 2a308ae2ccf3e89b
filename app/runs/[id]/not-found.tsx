import Link from "next/link";

export default function RunNotFound() {
  return (
    <section className="panel error-state" data-testid="run-not-found">
      <h1>Run not found</h1>
      <p>
        No finished evaluation run has this id. See the <Link href="/runs">list of runs</Link>.
      </p>
    </section>
  );
}
