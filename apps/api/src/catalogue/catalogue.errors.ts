import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum CatalogueErrorCode {
  NotFound = 'catalogue.not_found',
}

export class CatalogueError extends ApiError {
  override name = 'CatalogueError';
  /** An unknown standard, or one that is not published (a draft is never shown, not even as existing). */
  static notFound() {
    return new CatalogueError(CatalogueErrorCode.NotFound, HttpStatus.NOT_FOUND, 'no published standard in the catalogue has this id');
  }
}
