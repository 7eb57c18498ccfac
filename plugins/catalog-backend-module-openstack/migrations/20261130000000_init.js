/*
 * The OpenStack entity provider's own state, kept in the catalog's database:
 * what it last emitted (to send only changes, and to keep entities whose
 * source failed), when each unit of reading last succeeded, and each run.
 */

// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('canopy_openstack_entities', table => {
    table.comment('Entities the OpenStack entity provider last emitted');
    table.string('provider', 255).notNullable();
    table.string('entity_ref', 255).notNullable();
    table.string('unit', 512).notNullable().comment('project|region|kind');
    table.string('hash', 64).notNullable().comment('sha256 of the body');
    table.text('body').notNullable().comment('the entity as read');
    table.boolean('stale').notNullable().defaultTo(false);
    table.primary(['provider', 'entity_ref']);
  });
  await knex.schema.createTable('canopy_openstack_units', table => {
    table.comment('When each unit of reading last succeeded');
    table.string('provider', 255).notNullable();
    table.string('unit', 512).notNullable();
    table.string('last_success', 32).notNullable();
    table.primary(['provider', 'unit']);
  });
  await knex.schema.createTable('canopy_openstack_runs', table => {
    table.comment('Each run of an OpenStack entity provider');
    table.increments('id');
    table.string('provider', 255).notNullable();
    table.string('started_at', 32).notNullable();
    table.string('finished_at', 32).notNullable();
    table.integer('entities').notNullable();
    table.integer('added').notNullable();
    table.integer('removed').notNullable();
    table.integer('kept').notNullable().comment('kept from failing sources');
    table.text('failures').notNullable().comment('JSON list of failing units');
    table.index(['provider', 'id']);
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('canopy_openstack_runs');
  await knex.schema.dropTable('canopy_openstack_units');
  await knex.schema.dropTable('canopy_openstack_entities');
};
