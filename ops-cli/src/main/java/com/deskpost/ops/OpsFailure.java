package com.deskpost.ops;

/**
 * Why a subcommand stopped, as one sentence telling the operator what to do, and the exit code
 * scripts branch on: 1 the check failed, 2 usage or input error, 3 a component cannot be reached.
 */
public final class OpsFailure extends RuntimeException {

    public static final int CHECK_FAILED = 1;
    public static final int USAGE = 2;
    public static final int UNREACHABLE = 3;

    private final int exitCode;

    private OpsFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public static OpsFailure checkFailed(String message) {
        return new OpsFailure(CHECK_FAILED, message, null);
    }

    public static OpsFailure usage(String message) {
        return new OpsFailure(USAGE, message, null);
    }

    public static OpsFailure unreachable(String message, Throwable cause) {
        return new OpsFailure(UNREACHABLE, message, cause);
    }

    public int exitCode() {
        return exitCode;
    }
}
