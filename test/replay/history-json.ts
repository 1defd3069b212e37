import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import { dirname } from 'node:path';

type History = proto.temporal.api.history.v1.IHistory;

interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown, options?: { ignoreUnknownFields?: boolean }): unknown;
}

/*
 * Proto3 JSON of workflow histories, the format `temporal workflow show --output json` writes.
 * historyToJSON / historyFromJSON of @temporalio/common 1.24 throw "type must be a Type" in this install:
 * npm nests one copy of protobufjs 8 under each @temporalio package (grpc's proto-loader keeps protobufjs 7
 * at the top), and the JSON codec of @temporalio/common's copy rejects the types built by @temporalio/proto's
 * copy. The codec of the copy @temporalio/proto itself loads does the same conversion without that mismatch.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const protojson = require(require.resolve('protobufjs/ext/protojson', { paths: [dirname(require.resolve('@temporalio/proto'))] })) as ProtoJson;
const historyType = (patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown }).lookupType('temporal.api.history.v1.History');

export function historyToJson(history: History): string {
  return JSON.stringify(protojson.toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history)), null, 2);
}

export function historyFromJson(json: unknown): History {
  return protojson.fromJson(historyType, json, { ignoreUnknownFields: true }) as History;
}
