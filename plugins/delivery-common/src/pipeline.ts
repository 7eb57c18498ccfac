/**
 * Canopy's Terraform apply pipeline on GitHub: `canopy:pipeline:terraform`
 * (scaffolder) writes this workflow, and the delivery backend follows its
 * runs on the merge commit. One place for both, so they cannot drift apart.
 */

/**
 * The file of Canopy's Terraform GitHub Actions workflow, relative to the
 * repository root.
 *
 * @public
 */
export const CANOPY_GITHUB_WORKFLOW_PATH =
  '.github/workflows/canopy-terraform.yaml';

/**
 * The `name` of Canopy's Terraform GitHub Actions workflow, as GitHub lists
 * its runs.
 *
 * @public
 */
export const CANOPY_GITHUB_WORKFLOW_NAME = 'Canopy Terraform';
