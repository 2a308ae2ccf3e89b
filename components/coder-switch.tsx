import Link from "next/link";
import type { ActivationCacheRow } from "@/db/activation-caches";
import styles from "./latent-browser.module.css";

/** Links to the same view for each coder of the pack that has a cache. */
export function CoderSwitch({ caches, current, hrefFor }: { caches: ActivationCacheRow[]; current: string; hrefFor: (hookpoint: string) => string }) {
  return (
    <nav className={styles.coderSwitch} aria-label="Coder">
      {caches.map((cache) =>
        cache.hookpoint === current ? (
          <strong key={cache.id}>
            {cache.coderKind} <code>{cache.hookpoint}</code>
          </strong>
        ) : (
          <Link key={cache.id} href={hrefFor(cache.hookpoint)}>
            {cache.coderKind} <code>{cache.hookpoint}</code>
          </Link>
        ),
      )}
    </nav>
  );
}
