import { GUARDS_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import type { INestApplication, Type as ClassType } from '@nestjs/common';
import { DECORATORS } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import { ModulesContainer } from '@nestjs/core';
import type { Role } from '../../../../libs/domain';
import { IS_PUBLIC, MULTIPART_BODY, ROLES } from '../common/decorators';

/** Nest's RouteParamtypes for @Body() and @Query() (the enum is not exported from @nestjs/common's index). */
const BODY_PARAM = 3;
const QUERY_PARAM = 4;

/** What the OpenAPI document needs to know about a route beyond what @nestjs/swagger writes by itself. */
export interface RouteFacts {
  /** Answers without a session (login, sign-up, health). */
  isPublic: boolean;
  /** Only these roles may call it (empty: every signed-in user). */
  roles: Role[];
  multipart: boolean;
  /** Guards of the route's own (the auth rate limit), by class name. */
  guards: string[];
  /** The class of the whole @Body() (or the one @ApiBody documents) and of the whole @Query(), when the route reads one. */
  bodyType: ClassType<unknown> | null;
  queryType: ClassType<unknown> | null;
}

/**
 * The facts of every route, by the operationId @nestjs/swagger gives it (`Controller_method`), read from the
 * same metadata the guards and the input gate read, so the document cannot say otherwise than they do.
 */
export function routeFacts(app: INestApplication): Map<string, RouteFacts> {
  const facts = new Map<string, RouteFacts>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as ClassType<unknown> | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const method of Object.getOwnPropertyNames(proto)) {
        const handler = proto[method];
        if (method === 'constructor' || typeof handler !== 'function') continue;
        const meta = <T>(key: string | symbol): T | undefined =>
          (Reflect.getMetadata(key, handler) as T | undefined) ?? (Reflect.getMetadata(key, controller) as T | undefined);
        const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { index: number; data?: unknown }>;
        const paramTypes = (Reflect.getMetadata('design:paramtypes', proto, method) ?? []) as ClassType<unknown>[];
        // a multipart upload reads its fields itself: its DTO is the class @ApiBody documents
        const documentedBody = ((Reflect.getMetadata(DECORATORS.API_PARAMETERS, handler) ?? []) as { in?: string; type?: unknown }[]).find(
          (p) => p.in === 'body' && typeof p.type === 'function',
        )?.type as ClassType<unknown> | undefined;
        const whole = (kind: number): ClassType<unknown> | null => {
          const arg = Object.entries(args).find(([key, a]) => key.startsWith(`${kind}:`) && a.data === undefined)?.[1];
          const type = arg ? paramTypes[arg.index] : undefined;
          return type && type !== Object ? type : null;
        };
        facts.set(`${controller.name}_${method}`, {
          isPublic: meta<boolean>(IS_PUBLIC) === true,
          roles: meta<Role[]>(ROLES) ?? [],
          multipart: meta<boolean>(MULTIPART_BODY) === true,
          guards: (meta<{ name: string }[]>(GUARDS_METADATA) ?? []).map((guard) => guard.name),
          bodyType: whole(BODY_PARAM) ?? documentedBody ?? null,
          queryType: whole(QUERY_PARAM),
        });
      }
    }
  }
  return facts;
}

/**
 * Every operation of the document (an object with responses under a path) with its route's facts; an operation
 * with no facts means the operationIds are no longer `Controller_method`, and the document is not built.
 */
export function operationsOf<Op extends { operationId?: string; responses?: object }>(
  document: OpenAPIObject,
  facts: Map<string, RouteFacts>,
): { path: string; op: Op; route: RouteFacts }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.values(item as Record<string, Op>)
      .filter((op) => !!op && typeof op === 'object' && !!op.responses)
      .map((op) => {
        const route = facts.get(op.operationId ?? '');
        if (!route) throw new Error(`no route facts for operation ${op.operationId} (${path}): is operationId still Controller_method?`);
        return { path, op, route };
      }),
  );
}
