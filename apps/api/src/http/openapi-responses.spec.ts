import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { RequestMethod, type INestApplication, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer, NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { DECORATORS, type OpenAPIObject } from '@nestjs/swagger';
import { ApiModule } from '../api.module';
import { openApiDocument } from './configure-app';

/**
 * The web app's response types are generated from the OpenAPI document (`npm run web:api-types`),
 * so every operation that answers with a body must declare that body's schema there, under the
 * status code the route really answers with. Operations without a JSON body are listed here,
 * each with its reason; anything else must declare `application/json` with a schema.
 */
type NoJsonBody = { status: 204; reason: string } | { status: 200; mediaType: string; reason: string };
const WITHOUT_JSON_BODY: Record<string, NoJsonBody> = {
  AuthController_logout: { status: 204, reason: 'ends the session; nothing to send back' },
  VisitorsController_cancel: { status: 204, reason: 'cancels a pass; the revocation list says the rest' },
  PortalController_removeStaff: { status: 204, reason: 'removes a staff member; the list is read again' },
  AllocationController_exportCsv: { status: 200, mediaType: 'text/csv', reason: 'CSV download of the booth allocation' },
  LeadsController_export: { status: 200, mediaType: 'text/csv', reason: "CSV download of the exhibitor's leads" },
  ReportsController_csv: { status: 200, mediaType: 'text/csv', reason: 'CSV download of a report run' },
  ReportsController_pdf: { status: 200, mediaType: 'application/pdf', reason: 'PDF download of a report run' },
  MatchmakingController_agendaIcs: { status: 200, mediaType: 'text/calendar', reason: 'iCalendar file of the agenda' },
};

interface Route {
  operationId: string;
  /** what the route answers on success: @HttpCode, else Nest's default (201 for POST, 200 otherwise) */
  status: number;
  controller: Type;
  handler: string;
}

type Schema = { $ref?: string; type?: string; items?: Schema; properties?: Record<string, Schema>; additionalProperties?: unknown; allOf?: Schema[] };

describe('OpenAPI document: declared responses', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  let routes: Route[];

  beforeAll(async () => {
    // Preview mode, as `npm run web:api-types`: module graph and metadata, no database or port.
    app = await NestFactory.create(ApiModule, new FastifyAdapter(), { preview: true, logger: false, abortOnError: false });
    app.setGlobalPrefix('api', { exclude: ['health'] });
    doc = openApiDocument(app);
    routes = [];
    for (const module of app.get(ModulesContainer).values()) {
      for (const wrapper of module.controllers.values()) {
        const controller = wrapper.metatype as Type;
        for (const handler of Object.getOwnPropertyNames(controller.prototype)) {
          const fn = controller.prototype[handler] as object;
          const method = Reflect.getMetadata(METHOD_METADATA, fn) as RequestMethod | undefined;
          if (method === undefined || Reflect.getMetadata(DECORATORS.API_EXCLUDE_ENDPOINT, fn)?.disable) continue;
          const status = (Reflect.getMetadata(HTTP_CODE_METADATA, fn) as number | undefined) ?? (method === RequestMethod.POST ? 201 : 200);
          routes.push({ operationId: `${controller.name}_${handler}`, status, controller, handler });
        }
      }
    }
  });
  afterAll(() => app?.close().catch(() => undefined));

  const operations = () => {
    const out = new Map<string, { path: string; method: string; responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>();
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item as Record<string, { operationId?: string; responses?: never }>)) {
        if (op?.operationId) out.set(op.operationId, { path, method, responses: op.responses ?? {} });
      }
    }
    return out;
  };
  const component = (ref: string) => doc.components?.schemas?.[ref.replace('#/components/schemas/', '')] as Schema | undefined;

  /** Why `schema` does not describe a body (empty when it does): refs resolve, objects name their fields. */
  function undescribed(schema: Schema | undefined, where: string, seen = new Set<string>()): string[] {
    if (!schema) return [`${where}: no schema`];
    if (schema.$ref) {
      const target = component(schema.$ref);
      if (!target) return [`${where}: ${schema.$ref} does not exist`];
      if (seen.has(schema.$ref)) return [];
      return undescribed(target, schema.$ref, new Set([...seen, schema.$ref]));
    }
    if (schema.allOf) return schema.allOf.flatMap((s, i) => undescribed(s, `${where}.allOf[${i}]`, seen));
    if (schema.type === 'array') return undescribed(schema.items, `${where}[]`, seen);
    if (schema.type === 'object' || schema.properties) {
      const props = Object.entries(schema.properties ?? {});
      if (props.length === 0 && !schema.additionalProperties) return [`${where}: an object without declared fields`];
      return props.flatMap(([k, s]) => undescribed(s, `${where}.${k}`, seen));
    }
    return schema.type ? [] : [`${where}: no type`];
  }

  it('finds the routes of every controller in the document', () => {
    const ops = operations();
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => !ops.has(r.operationId)).map((r) => r.operationId)).toEqual([]);
  });

  it('documents each operation under the status it answers with, and its body', () => {
    const ops = operations();
    const problems: string[] = [];
    for (const route of routes) {
      const op = ops.get(route.operationId)!;
      const name = `${route.operationId} (${op.method.toUpperCase()} ${op.path})`;
      const documented = Object.keys(op.responses).filter((code) => code.startsWith('2'));
      if (documented.join() !== String(route.status)) problems.push(`${name}: answers ${route.status}, documents ${documented.join(', ') || 'nothing'}`);
      const content = op.responses[String(route.status)]?.content ?? {};
      const exempt = WITHOUT_JSON_BODY[route.operationId];
      if (exempt && exempt.status !== route.status) {
        problems.push(`${name}: listed as answering ${exempt.status}, answers ${route.status}`);
      } else if (route.status === 204) {
        if (!exempt) problems.push(`${name}: answers 204; list it in WITHOUT_JSON_BODY with a reason, or return a declared body`);
        if (Object.keys(content).length) problems.push(`${name}: answers 204 but declares a body`);
      } else if (exempt && 'mediaType' in exempt) {
        if (Object.keys(content).join() !== exempt.mediaType) problems.push(`${name}: should declare only ${exempt.mediaType}, declares ${Object.keys(content).join(', ') || 'nothing'}`);
      } else {
        if (!content['application/json']) problems.push(`${name}: declares no application/json body (add @Api${route.status === 201 ? 'Created' : route.status === 202 ? 'Accepted' : 'Ok'}Response({ type: SomeDto }))`);
        else problems.push(...undescribed(content['application/json'].schema, name));
      }
    }
    expect(problems).toEqual([]);
  });

  it('lists no operation that no longer exists', () => {
    const ids = new Set(routes.map((r) => r.operationId));
    expect(Object.keys(WITHOUT_JSON_BODY).filter((id) => !ids.has(id))).toEqual([]);
  });

  it('gives no two schema classes one name (the document would silently keep only one)', () => {
    const byName = new Map<string, Set<Function>>();
    const builtins = new Set<unknown>([String, Number, Boolean, Date, Object, Array, Buffer, Promise]);
    const visit = (t: unknown): void => {
      if (Array.isArray(t)) return t.forEach(visit);
      if (typeof t !== 'function' || builtins.has(t)) return;
      // `type: () => Dto` is a thunk (no prototype); a class has one.
      if (!t.prototype) return visit((t as () => unknown)());
      const name = (Reflect.getMetadata(DECORATORS.API_SCHEMA, t) as { name?: string } | undefined)?.name ?? t.name;
      const classes = byName.get(name) ?? new Set();
      if (classes.has(t)) return;
      byName.set(name, classes.add(t));
      const props = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, t.prototype) as string[] | undefined) ?? [];
      for (const p of props) visit((Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, t.prototype, p.replace(/^:/, '')) as { type?: unknown } | undefined)?.type);
    };
    for (const { controller, handler } of routes) {
      const fn = controller.prototype[handler] as object;
      for (const r of Object.values((Reflect.getMetadata(DECORATORS.API_RESPONSE, fn) as Record<string, { type?: unknown }> | undefined) ?? {})) visit(r.type);
      for (const p of (Reflect.getMetadata('design:paramtypes', controller.prototype, handler) as unknown[] | undefined) ?? []) visit(p);
    }
    expect(byName.size).toBeGreaterThan(50);
    expect([...byName].filter(([, classes]) => classes.size > 1).map(([name]) => name)).toEqual([]);
  });
});
