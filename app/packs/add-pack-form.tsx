"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import styles from "./packs.module.css";
import { fetchJson } from "@/lib/http/fetch-json";

interface AddPackFields {
  name: string;
  model: string;
  coders: string;
  hookpoint: string;
  corpus: string;
  contextLength: string;
}

const EMPTY: AddPackFields = { name: "", model: "", coders: "", hookpoint: "", corpus: "", contextLength: "" };

/** The fields of `rewrite pack add`, as the route takes them (one coder folder per line). */
function addPackBody(fields: AddPackFields, use: boolean) {
  return {
    name: fields.name,
    model: fields.model,
    coders: fields.coders.split("\n").map((line) => line.trim()).filter(Boolean),
    hookpoint: fields.hookpoint,
    corpus: fields.corpus,
    contextLength: fields.contextLength.trim() ? Number(fields.contextLength) : undefined,
    use,
  };
}

/** "Add a pack": the same checks as `rewrite pack add`; the first problem found is shown as the server said it. */
export function AddPackForm() {
  const router = useRouter();
  const [fields, setFields] = useState(EMPTY);
  const [use, setUse] = useState(true);
  const add = useMutation({
    mutationFn: () => fetchJson("/api/packs", { method: "POST", body: addPackBody(fields, use) }),
    onSuccess: () => {
      setFields(EMPTY);
      router.refresh();
    },
  });
  const field = (key: keyof AddPackFields) => ({
    value: fields[key],
    onChange: (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value }),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <form className={`panel ${styles.form}`} onSubmit={submit} data-testid="add-pack-form">
      <h2>Add a pack</h2>
      <p className="muted">Folders on the server&apos;s disk. Nothing is copied: the pack points at them.</p>
      <label>
        Name <input required {...field("name")} placeholder="pythia-160m-l6" data-testid="add-pack-name" />
      </label>
      <label>
        Hugging Face snapshot folder <input required {...field("model")} placeholder="/models/pythia-160m" data-testid="add-pack-model" />
      </label>
      <label>
        sparsify coder folders, one per line
        <textarea required rows={2} {...field("coders")} placeholder="/checkpoints/pythia-160m-tc/layers.6.mlp" data-testid="add-pack-coders" />
      </label>
      <label>
        Hookpoint (optional) <input {...field("hookpoint")} placeholder="layers.6.mlp" />
      </label>
      <label>
        Corpus (optional): a folder of .txt files, a .jsonl file, token ids (.npy, .safetensors) <input {...field("corpus")} placeholder="/data/corpus.jsonl" />
      </label>
      <label>
        Context length (optional) <input inputMode="numeric" {...field("contextLength")} placeholder="256" />
      </label>
      <label>
        <input type="checkbox" checked={use} onChange={(event) => setUse(event.target.checked)} /> Use it once added
      </label>
      <button type="submit" disabled={add.isPending} data-testid="add-pack-submit">
        {add.isPending ? "Checking the files…" : "Add the pack"}
      </button>
      {add.isError ? (
        <p role="alert" className="error-text" data-testid="add-pack-error">
          {add.error.message}
        </p>
      ) : null}
    </form>
  );
}
