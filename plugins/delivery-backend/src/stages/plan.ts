import { InputError } from '@backstage/errors';
import {
  DELIVERY_STAGES,
  type DeliveryExpectations,
  type DeliveryStage,
  type DeliveryStageId,
  type DeliveryStageName,
} from '@canopy-idp/plugin-delivery-common';
import type { DeliveryAddedStageOptions } from '@canopy-idp/plugin-delivery-node';
import type { StoredRequest } from '../store/types';

/** A stage an adopter's module added, and where it goes. */
export interface AddedStage extends DeliveryAddedStageOptions {
  stage: DeliveryStageId;
}

const STAGE_ID = /^[a-z][a-z0-9-]{0,39}$/;

/**
 * The stages a request goes through, from what its template expects: the
 * pull request always, then each system the change has to pass through,
 * then the added stages its expectations name (each after the built-in stage
 * its module asked for, else last).
 */
export function stagesFor(
  expected: DeliveryExpectations,
  now: string,
  added: readonly AddedStage[] = [],
): DeliveryStage[] {
  const builtIn: DeliveryStageName[] = ['pull-request'];
  if (expected.pipeline) builtIn.push('pipeline');
  if (expected.argoCdApplications?.length) builtIn.push('argocd');
  if (expected.kroInstances?.length) builtIn.push('kro');
  if (expected.openstack) builtIn.push('openstack');
  const names: DeliveryStageId[] = [...builtIn];
  for (const { stage, after } of added) {
    if (!expected.stages?.[stage]) continue;
    const anchor = after ? names.indexOf(after) : -1;
    if (anchor < 0) {
      names.push(stage);
      continue;
    }
    // After the anchor and the stages added after it before this one.
    let at = anchor + 1;
    while (at < names.length && !isBuiltIn(names[at])) at++;
    names.splice(at, 0, stage);
  }
  return names.map((name, i) =>
    i === 0
      ? {
          name,
          state: 'running',
          startedAt: now,
          message: 'Waiting for review and merge',
          links: [],
        }
      : { name, state: 'pending', links: [] },
  );
}

/**
 * Refuses expectations that name a stage no installed observer follows
 * (`expected.stages.<name>`), naming the field and the rule.
 */
export function checkAddedStages(
  expected: DeliveryExpectations,
  added: readonly AddedStage[],
): void {
  for (const name of Object.keys(expected.stages ?? {})) {
    const field = `expected.stages.${name}`;
    if (isBuiltIn(name)) {
      throw new InputError(
        `${field}: ${name} is a built-in stage; its expectations have their own field in expected`,
      );
    }
    if (!added.some(a => a.stage === name)) {
      throw new InputError(
        `${field}: no installed delivery observer follows a stage named ${name} (an added stage needs a module that adds its observer through deliveryObserversExtensionPoint)`,
      );
    }
  }
}

/**
 * Refuses an added stage whose name the contract does not allow, or that is
 * taken: a built-in stage's, or one of `taken` (the stages added before it).
 */
export function checkAddedStage(
  stage: AddedStage,
  taken: readonly DeliveryStageId[],
): void {
  if (!STAGE_ID.test(stage.stage)) {
    throw new Error(
      `A delivery observer's stage must match ${STAGE_ID} (the contract's StageId); got '${stage.stage}'`,
    );
  }
  if (isBuiltIn(stage.stage) || taken.includes(stage.stage)) {
    throw new Error(
      `A delivery observer for the ${stage.stage} stage is already installed`,
    );
  }
  if (stage.after && !isBuiltIn(stage.after)) {
    throw new Error(
      `The ${
        stage.stage
      } stage's 'after' must be a built-in stage (${DELIVERY_STAGES.join(
        ', ',
      )}); got '${stage.after}'`,
    );
  }
}

function isBuiltIn(name: string): name is DeliveryStageName {
  return (DELIVERY_STAGES as readonly string[]).includes(name);
}

/** What the router knows of a request when it records it. */
export type RecordedRequest = Omit<
  StoredRequest,
  | 'state'
  | 'currentStage'
  | 'stages'
  | 'facts'
  | 'version'
  | 'attempts'
  | 'nextCheckAt'
  | 'createdAt'
  | 'updatedAt'
>;

/**
 * A request as it is first stored: open, at its pull request, with the
 * stages its expectations plan, due for a check now.
 */
export function openRequest(
  recorded: RecordedRequest,
  now: string,
  added: readonly AddedStage[] = [],
): StoredRequest {
  return {
    ...recorded,
    state: 'open',
    currentStage: 'pull-request',
    stages: stagesFor(recorded.expected, now, added),
    facts: {},
    version: 0,
    attempts: 0,
    nextCheckAt: now,
    createdAt: now,
    updatedAt: now,
  };
}
