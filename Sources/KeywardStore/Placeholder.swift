public enum KeywardStoreModule {}
