public enum KeywardCoreModule {}
