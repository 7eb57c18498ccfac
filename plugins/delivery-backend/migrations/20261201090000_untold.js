/*
 * The outbox of Canopy's delivery requests: the changes an advance wrote and
 * has not told the requester yet. Written in the same update as the change,
 * cleared once told, so a notifications backend that is down, or a replica
 * that stops between writing and telling, loses no notification.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('delivery_requests', table => {
    table
      .text('untold')
      .nullable()
      .comment('JSON DeliveryEvent[]: changes written but not yet told');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('delivery_requests', table => {
    table.dropColumn('untold');
  });
};
