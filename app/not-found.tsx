import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

/** Any unknown address: say so, and point to where each kind of page starts. */
export default function NotFound() {
  return (
    <section className="panel error-state" data-testid="page-not-found">
      <h1>Page not found</h1>
      <p>
        Nothing lives at this address. Start from the <Link href="/">overview</Link>, the <Link href="/latents">latents</Link>, the{" "}
        <Link href="/runs">evaluation runs</Link> or the <Link href="/glossary">glossary</Link>.
      </p>
    </section>
  );
}
