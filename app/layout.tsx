import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";
import { ActivePackLink } from "./packs/active-pack-link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rewrite", template: "%s · Rewrite" },
  description: "Partially rewrite a transformer in natural language: explanations, simulation, calibration and CE loss.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <Link href="/" className="brand">
            Rewrite
          </Link>
          <nav aria-label="Main">
            <Link href="/">Overview</Link>
            <Link href="/latents">Latents</Link>
            <Link href="/runs">Runs</Link>
            <Link href="/jobs">Jobs</Link>
            <Link href="/packs">Packs</Link>
          </nav>
          <ActivePackLink />
        </header>
        <QueryProvider>
          <main>{children}</main>
        </QueryProvider>
      </body>
    </html>
  );
}
