import Link from "next/link";

export default function LatentNotFound() {
  return (
    <section className="panel error-state" data-testid="latent-not-found">
      <h1>Latent not found</h1>
      <p>
        There is no such latent in this coder&apos;s activation cache. Latent ids are whole numbers from 0 to the number of latents minus one; see the{" "}
        <Link href="/latents">list of latents</Link>.
      </p>
    </section>
  );
}
