import protobuf from "protobufjs";

// The subset of onnx.proto (github.com/onnx/onnx, onnx/onnx.proto) that our graphs need, with its field numbers,
// so ModelProto bytes can be written without Python. Unset optional fields are simply omitted.

export const OnnxDataType = { FLOAT: 1, INT32: 6, INT64: 7, BOOL: 9 } as const;
export type OnnxDataTypeCode = (typeof OnnxDataType)[keyof typeof OnnxDataType];

// AttributeProto.AttributeType
export const OnnxAttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

export interface TensorProto {
  name: string;
  dims: number[];
  dataType: OnnxDataTypeCode;
  rawData: Uint8Array;
}

export interface AttributeProto {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorProto;
  floats?: number[];
  ints?: number[];
}

export interface NodeProto {
  input: string[];
  output: string[];
  name: string;
  opType: string;
  domain?: string;
  attribute: AttributeProto[];
}

export interface ValueInfoProto {
  name: string;
  type: { tensorType: { elemType: OnnxDataTypeCode; shape: { dim: ({ dimValue: number } | { dimParam: string })[] } } };
}

export interface GraphProto {
  name: string;
  node: NodeProto[];
  initializer: TensorProto[];
  input: ValueInfoProto[];
  output: ValueInfoProto[];
}

export interface ModelProto {
  irVersion: number;
  producerName: string;
  opsetImport: { domain: string; version: number }[];
  graph: GraphProto;
}

const repeated = (type: string, id: number) => ({ rule: "repeated", type, id });
const single = (type: string, id: number) => ({ type, id });

const onnxSchema = {
  nested: {
    onnx: {
      nested: {
        ModelProto: {
          fields: { irVersion: single("int64", 1), producerName: single("string", 2), graph: single("GraphProto", 7), opsetImport: repeated("OperatorSetIdProto", 8) },
        },
        OperatorSetIdProto: { fields: { domain: single("string", 1), version: single("int64", 2) } },
        GraphProto: {
          fields: {
            node: repeated("NodeProto", 1),
            name: single("string", 2),
            initializer: repeated("TensorProto", 5),
            input: repeated("ValueInfoProto", 11),
            output: repeated("ValueInfoProto", 12),
          },
        },
        NodeProto: {
          fields: {
            input: repeated("string", 1),
            output: repeated("string", 2),
            name: single("string", 3),
            opType: single("string", 4),
            attribute: repeated("AttributeProto", 5),
            domain: single("string", 7),
          },
        },
        AttributeProto: {
          fields: {
            name: single("string", 1),
            f: single("float", 2),
            i: single("int64", 3),
            s: single("bytes", 4),
            t: single("TensorProto", 5),
            floats: repeated("float", 7),
            ints: repeated("int64", 8),
            type: single("int32", 20),
          },
        },
        TensorProto: { fields: { dims: repeated("int64", 1), dataType: single("int32", 2), name: single("string", 8), rawData: single("bytes", 9) } },
        ValueInfoProto: { fields: { name: single("string", 1), type: single("TypeProto", 2) } },
        TypeProto: { fields: { tensorType: single("TensorTypeProto", 1) } },
        // TypeProto.Tensor in onnx.proto; nesting does not change the wire format.
        TensorTypeProto: { fields: { elemType: single("int32", 1), shape: single("TensorShapeProto", 2) } },
        TensorShapeProto: { fields: { dim: repeated("Dimension", 1) } },
        Dimension: { fields: { dimValue: single("int64", 1), dimParam: single("string", 2) } },
      },
    },
  },
};

const modelType = protobuf.Root.fromJSON(onnxSchema).lookupType("onnx.ModelProto");

export function encodeModelProto(model: ModelProto): Uint8Array {
  return modelType.encode(model as unknown as protobuf.Message).finish();
}

