import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../libs/persistence/data-source';

/** The throwaway database of the test run; never the development one. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/vnfil_test';

/** Another throwaway database on the test run's server (a test that needs the whole database to itself). */
export function otherTestDatabaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Runs one statement on the server's maintenance database, for a test database `url` names; refuses any other. */
async function onServer(url: string, statement: (name: string) => string): Promise<void> {
  const target = new URL(url);
  const name = target.pathname.slice(1);
  if (!/^[a-z0-9_]+$/.test(name) || !name.includes('test')) throw new Error(`refusing to touch ${name}: not a test database`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(statement(name));
  } finally {
    await client.end();
  }
}

export async function dropDatabase(url: string): Promise<void> {
  await onServer(url, (name) => `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

export async function recreateDatabase(url: string): Promise<void> {
  await dropDatabase(url);
  await onServer(url, (name) => `CREATE DATABASE ${name}`);
}

/** A fresh database with every migration applied. */
export async function prepareDatabase(url: string): Promise<void> {
  await recreateDatabase(url);
  const ds = await openTestDataSource(url);
  try {
    await ds.runMigrations({ transaction: 'each' });
  } finally {
    await ds.destroy();
  }
}

export async function openTestDataSource(url = TEST_DATABASE_URL): Promise<DataSource> {
  const ds = new DataSource({ ...dataSourceOptions(url), extra: { max: 5, application_name: 'vnfil-test' } });
  return ds.initialize();
}
