import type { Request } from 'express';
import type { z } from 'zod';
import { numberParam, parseWire } from '../../core/wire/parse.js';
import { query } from './api-v1.js';

/** How each query parameter is read before the wire schema checks it. */
export interface QuerySpec {
  strings?: readonly string[];
  /** Integers; anything else stays text, so the schema's message names the field and the rule. */
  numbers?: readonly string[];
  /** `true` is true, any other value false (as links and forms write them). */
  flags?: readonly string[];
  /** Comma-separated lists. */
  lists?: readonly string[];
}

/**
 * A GET route's query parameters parsed with the same wire schema as the JSON body or MCP
 * arguments of that request: query strings carry only text, so numbers, flags and lists are
 * read first, then the schema applies its limits and messages.
 */
export function parseQuery<Schema extends z.ZodType>(req: Request, schema: Schema, spec: QuerySpec): z.output<Schema> {
  return parseWire(schema, queryValues(req, spec));
}

const text = (value: string) => value;

/** The query parameters read as `spec` says, for a service that parses them with its schema. */
export function queryValues(req: Request, spec: QuerySpec): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  // An empty string stays a string (`?q=` asks for every title); an empty number or list is absent.
  const read = (names: readonly string[] | undefined, as: (value: string) => unknown) => {
    for (const name of names ?? []) {
      const value = query(req, name);
      if (value !== undefined && (value !== '' || as === text)) values[name] = as(value);
    }
  };
  read(spec.strings, text);
  read(spec.numbers, numberParam);
  read(spec.flags, (value) => value === 'true');
  read(spec.lists, (value) => value.split(',').map((item) => item.trim()).filter(Boolean));
  return values;
}
