import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/config';
import { dataSourceOptions } from './data-source';

/**
 * For the TypeORM CLI only (`npm run migration:run`, `npm run migration:generate`): it reads the configuration
 * when loaded, which no application module may do.
 */
export default new DataSource(dataSourceOptions(loadConfig().database.url));
