/**
 * What marks a branch and a pull request as opened by one scaffolder task:
 * `canopy:publish:pull-request` writes it, updates only a branch that carries
 * its own task's marker, and the delivery backend records a request only for
 * a pull request that carries the marker of the requester's task. One place
 * for all three.
 */

/**
 * The marker of one scaffolder task: a `Canopy-Task: <id>` trailer in the
 * commits it makes and an HTML comment in the pull request's body.
 *
 * @public
 */
export function taskMarker(taskId: string): {
  trailer: string;
  comment: string;
} {
  return {
    trailer: `Canopy-Task: ${taskId}`,
    comment: `<!-- canopy-task: ${taskId} -->`,
  };
}
