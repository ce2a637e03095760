public enum KyvernoPlaceholder {}
