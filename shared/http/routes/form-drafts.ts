import { discardDraft, getDraft, listDrafts, saveDraft, type DraftDeps } from '#app/drafts.js';
import { draftInputSchema } from '#domain/drafts.js';
import { defineRoute } from '../route.js';

// Drafts of a case's forms (saved incomplete, before submission); submitting discards it (shared/app/drafts.ts).

export const listDraftsRoute = defineRoute({
  method: 'GET',
  path: '/cases/{caseId}/drafts',
  function: 'form-drafts',
  authenticated: true,
  operationId: 'listDrafts',
  response: 'DraftList',
  summary: "The caller's organisation's drafts of the case's forms, each with what is still missing",
  tags: ['formulieren'],
  handler: async ({ principal, params }, deps: DraftDeps) => ({ statusCode: 200, body: { items: await listDrafts(deps, principal, params.caseId ?? '') } }),
});

export const getDraftRoute = defineRoute({
  method: 'GET',
  path: '/cases/{caseId}/drafts/{action}',
  function: 'form-drafts',
  authenticated: true,
  operationId: 'getDraft',
  response: 'Draft',
  summary: 'One draft, with what the form still needs before it can be submitted',
  tags: ['formulieren'],
  handler: async ({ principal, params }, deps: DraftDeps) => {
    const draft = await getDraft(deps, principal, params.caseId ?? '', params.action ?? '');
    return { statusCode: 200, body: draft, headers: { etag: `"${draft.version}"` } };
  },
});

export const saveDraftRoute = defineRoute({
  method: 'PUT',
  path: '/cases/{caseId}/drafts/{action}',
  function: 'form-drafts',
  authenticated: true,
  operationId: 'saveDraft',
  response: 'Draft',
  summary: 'Save a form incomplete (any fields so far); If-Match with the draft’s ETag guards against overwriting a colleague',
  tags: ['formulieren'],
  body: draftInputSchema,
  conditional: true,
  handler: async ({ principal, params, body, expectedVersion }, deps: DraftDeps) => {
    const draft = await saveDraft(deps, principal, params.caseId ?? '', params.action ?? '', body, expectedVersion);
    return { statusCode: 200, body: draft, headers: { etag: `"${draft.version}"` } };
  },
});

export const discardDraftRoute = defineRoute({
  method: 'DELETE',
  path: '/cases/{caseId}/drafts/{action}',
  function: 'form-drafts',
  authenticated: true,
  operationId: 'discardDraft',
  summary: 'Discard a draft',
  tags: ['formulieren'],
  handler: async ({ principal, params }, deps: DraftDeps) => {
    await discardDraft(deps, principal, params.caseId ?? '', params.action ?? '');
    return { statusCode: 204, body: undefined };
  },
});

export const draftRoutes = [listDraftsRoute, getDraftRoute, saveDraftRoute, discardDraftRoute];
