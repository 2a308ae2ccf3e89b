import Link from "next/link";

export default function ShareNotFound() {
  return (
    <section className="panel error-state" data-testid="share-not-found">
      <h1>Shared page not found</h1>
      <p>
        No snapshot has this link; check that it was copied whole. Live results are on the <Link href="/runs">runs</Link> and{" "}
        <Link href="/latents">latents</Link> pages.
      </p>
    </section>
  );
}
