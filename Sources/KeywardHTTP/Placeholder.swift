public enum KeywardHTTPModule {}
