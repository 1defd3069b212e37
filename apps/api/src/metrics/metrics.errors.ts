import { HttpStatus } from '@nestjs/common';
import { ApiError } from '../common/api-error';

export enum MetricsErrorCode {
  TokenRequired = 'metrics.token_required',
}

export class MetricsError extends ApiError {
  override name = 'MetricsError';
  static tokenRequired() {
    return new MetricsError(MetricsErrorCode.TokenRequired, HttpStatus.UNAUTHORIZED, 'send the metrics token: Authorization: Bearer <METRICS_TOKEN>');
  }
}
