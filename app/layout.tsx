import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { QueryProvider } from "@/components/query-provider";
import { ScrollableRegions } from "@/components/scrollable-regions";
import { ActivePackLink } from "./packs/active-pack-link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rewrite", template: "%s · Rewrite" },
  description: "Partially rewrite a transformer in natural language: explanations, simulation, calibration and CE loss.",
  // Served from public/; scripts/render-app-icons.ts renders the PNGs and the .ico from icon.svg.
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "16x16 32x32 48x48" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
  manifest: "/manifest.webmanifest",
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  colorScheme: "light dark",
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#11151c" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a href="#content" className="skip-link">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            {/* Decorative: the link's name is the word beside it. */}
            <img src="/icon.svg" alt="" width={22} height={22} />
            Rewrite
          </Link>
          <nav aria-label="Main">
            <Link href="/">Overview</Link>
            <Link href="/latents">Latents</Link>
            <Link href="/runs">Runs</Link>
            <Link href="/jobs">Jobs</Link>
            <Link href="/packs">Packs</Link>
            <Link href="/glossary">Glossary</Link>
          </nav>
          <ActivePackLink />
        </header>
        <QueryProvider>
          <main id="content">{children}</main>
          <ScrollableRegions />
        </QueryProvider>
      </body>
    </html>
  );
}
