/*
 * Canopy's delivery requests: one row per scaffolder task that opened a pull
 * request, with its stages (JSON, in order) and when it is next checked.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('delivery_requests', table => {
    table.comment('Requests followed from pull request to running');
    table.string('id', 36).primary().notNullable();
    table.string('task_id', 255).notNullable().unique();
    table.string('template_ref', 255).nullable();
    table.string('title', 512).notNullable();
    table.string('requester', 255).notNullable();
    table
      .text('requester_ownership')
      .notNullable()
      .comment(
        'JSON: the ownership entity refs the requester had when recording',
      );
    table.string('entity_ref', 255).notNullable();
    table
      .text('pull_request')
      .notNullable()
      .comment('JSON DeliveryPullRequest');
    table.string('pull_request_url', 1024).notNullable();
    table
      .string('repository', 512)
      .notNullable()
      .comment('provider|host|owner/repo in lower case, for webhooks');
    table.text('expected').notNullable().comment('JSON DeliveryExpectations');
    table.string('state', 16).notNullable().comment('open, ready or failed');
    table.text('stages').notNullable().comment('JSON DeliveryStage[] in order');
    table
      .text('facts')
      .notNullable()
      .comment('JSON: what stages learnt, e.g. the merge commit');
    table
      .integer('version')
      .notNullable()
      .defaultTo(0)
      .comment('optimistic lock: each update bumps it');
    table.integer('attempts').notNullable().defaultTo(0);
    table
      .string('next_check_at', 32)
      .nullable()
      .comment('ISO time; null once the request is ready or failed');
    table.string('created_at', 32).notNullable();
    table.string('updated_at', 32).notNullable();
    table.index(['requester', 'created_at']);
    table.index(['entity_ref', 'created_at']);
    table.index(['state', 'next_check_at']);
    table.index(['state', 'repository']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('delivery_requests');
};
