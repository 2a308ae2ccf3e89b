// A run's result as JSON plus named binary arrays: every typed array is lifted out (to be stored as a BLOB, never
// a JSON array) and left in the JSON as {"$array": name}; NaN and ±Infinity, which JSON cannot hold, become
// {"$number": "NaN"}. The inverse puts both back, so a stored run reads back exactly as it was computed.

export type ArrayDtype = "f64" | "f32" | "u32" | "i32";
export type StoredTypedArray = Float64Array | Float32Array | Uint32Array | Int32Array;

export interface NamedArray {
  readonly name: string;
  readonly dtype: ArrayDtype;
  readonly data: StoredTypedArray;
}

const CONSTRUCTORS = { f64: Float64Array, f32: Float32Array, u32: Uint32Array, i32: Int32Array } as const;

function dtypeOf(value: ArrayBufferView): ArrayDtype | undefined {
  return (Object.keys(CONSTRUCTORS) as ArrayDtype[]).find((dtype) => value instanceof CONSTRUCTORS[dtype]);
}

function lift(value: unknown, path: string, arrays: NamedArray[]): unknown {
  if (typeof value === "number") return Number.isFinite(value) ? value : { $number: String(value) };
  if (value === null || typeof value !== "object") return value;
  if (ArrayBuffer.isView(value)) {
    const dtype = dtypeOf(value);
    if (!dtype) throw new Error(`${path || "the value"} is a ${value.constructor.name}; only Float64, Float32, Uint32 and Int32 arrays can be stored`);
    arrays.push({ name: path, dtype, data: value as StoredTypedArray });
    return { $array: path };
  }
  if (Array.isArray(value)) return value.map((item, i) => lift(item, `${path}/${i}`, arrays));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = lift(item, path ? `${path}/${key}` : key, arrays);
  return out;
}

/** JSON text (typed arrays replaced by references) and the arrays, named by their path in the value. */
export function splitTypedArrays(value: unknown): { json: string; arrays: NamedArray[] } {
  const arrays: NamedArray[] = [];
  const json = JSON.stringify(lift(value, "", arrays));
  return { json, arrays };
}

function restore(value: unknown, arrays: ReadonlyMap<string, StoredTypedArray>): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((item) => restore(item, arrays));
  const record = value as Record<string, unknown>;
  if (typeof record.$number === "string") return Number(record.$number);
  if (typeof record.$array === "string") {
    const array = arrays.get(record.$array);
    if (!array) throw new Error(`the stored result refers to an array "${record.$array}" that is not stored with it`);
    return array;
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, restore(item, arrays)]));
}

/** The inverse of splitTypedArrays. */
export function joinTypedArrays(json: string, arrays: ReadonlyMap<string, StoredTypedArray>): unknown {
  return restore(JSON.parse(json), arrays);
}
