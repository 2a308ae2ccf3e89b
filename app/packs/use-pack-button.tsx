"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { fetchJson } from "@/lib/http/fetch-json";

/** "Use this pack": one click makes the pack active for every page (and for CLI commands run without --pack). */
export function UsePackButton({ name }: { name: string }) {
  const router = useRouter();
  const use = useMutation({ mutationFn: () => fetchJson("/api/packs/active", { method: "POST", body: { name } }), onSuccess: () => router.refresh() });
  return (
    <>
      <button type="button" onClick={() => use.mutate()} disabled={use.isPending} data-testid={`use-pack-${name}`}>
        {use.isPending ? "Switching…" : "Use this pack"}
      </button>
      {use.isError ? (
        <p role="alert" className="error-text">
          {use.error.message}
        </p>
      ) : null}
    </>
  );
}
