package com.facegate.local.aws.rekognition;

/** Rekognition's error names and HTTP statuses (as documented per operation). */
final class RekognitionErrors {
    private RekognitionErrors() {}

    static RekognitionException invalidParameter(String message) {
        return new RekognitionException("InvalidParameterException", 400, message);
    }

    static RekognitionException invalidImageFormat(String message) {
        return new RekognitionException("InvalidImageFormatException", 400, message);
    }

    static RekognitionException imageTooLarge(String message) {
        return new RekognitionException("ImageTooLargeException", 400, message);
    }

    static RekognitionException invalidS3Object(String message) {
        return new RekognitionException("InvalidS3ObjectException", 400, message);
    }

    static RekognitionException notFound(String message) {
        return new RekognitionException("ResourceNotFoundException", 400, message);
    }

    static RekognitionException alreadyExists(String message) {
        return new RekognitionException("ResourceAlreadyExistsException", 400, message);
    }

    static RekognitionException conflict(String message) {
        return new RekognitionException("ConflictException", 400, message);
    }

    static RekognitionException invalidPaginationToken() {
        return new RekognitionException("InvalidPaginationTokenException", 400, "Invalid pagination token.");
    }

    static RekognitionException throttling() {
        return new RekognitionException("ThrottlingException", 500,
                "Rekognition is temporarily unable to process the request. Try your call again.");
    }

    static RekognitionException unknownOperation(String target) {
        return new RekognitionException("UnknownOperationException", 400, "Unknown operation " + target);
    }

    static RekognitionException serialization(String message) {
        return new RekognitionException("SerializationException", 400, message);
    }

    static RekognitionException internal() {
        return new RekognitionException("InternalServerError", 500, "Internal server error.");
    }
}
