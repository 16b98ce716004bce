/** A Discord API error the fake answers with ({ message, code } JSON, as Discord does). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  static unknownInteraction(): ApiError {
    return new ApiError(404, 10062, 'Unknown interaction');
  }
  static alreadyAcknowledged(): ApiError {
    return new ApiError(400, 40060, 'Interaction has already been acknowledged.');
  }
  static unknownWebhook(): ApiError {
    return new ApiError(404, 10015, 'Unknown Webhook');
  }
  static unknownMessage(): ApiError {
    return new ApiError(404, 10008, 'Unknown Message');
  }
  static invalidBody(detail: string): ApiError {
    return new ApiError(400, 50035, `Invalid Form Body: ${detail}`);
  }
}
