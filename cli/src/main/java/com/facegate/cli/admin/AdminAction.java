package com.facegate.cli.admin;

import com.facegate.cloud.enroll.CommandNotDeliveredException;
import com.facegate.cloud.registry.RegistryUnavailableException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One admin subcommand: checks its arguments, opens the target, runs, closes. User errors and unreachable targets
 * become one "error: ..." line and exit code 1 (usage errors: picocli's 2); stack traces only with FACEGATE_DEBUG.
 */
abstract class AdminAction implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;

    @Mixin
    AdminTarget target;

    @Spec
    CommandSpec spec;

    /** Argument checks that need no network; throw {@link ParameterException} (exit 2) or IllegalArgumentException. */
    void prepare() {}

    abstract int run(AdminSession session) throws Exception;

    /** For an action that needs no target this time (e.g. only printing a message): its exit code, else null. */
    Integer runWithoutTarget() {
        return null;
    }

    @Override
    public final Integer call() throws Exception {
        String where = "the target";
        try {
            prepare();
            Integer offline = runWithoutTarget();
            if (offline != null) {
                return offline;
            }
            target.validate();
            try (AdminSession session = target.open()) {
                where = session.target();
                return run(session);
            }
        } catch (ParameterException e) {
            throw e;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            return fail(e.getMessage(), e);
        } catch (CommandNotDeliveredException e) {
            return fail(e.getMessage() + causeOf(e), e);
        } catch (RegistryUnavailableException e) {
            if (e.getCause() instanceof SdkClientException c) {
                return fail("cannot reach " + where + ": " + c.getMessage() + target.unreachableHint(), e);
            }
            return fail(e.getMessage() + causeOf(e), e);
        } catch (SdkClientException e) {
            return fail("cannot reach " + where + ": " + e.getMessage() + target.unreachableHint(), e);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": ";
            return fail(where + " refused the request: " + code + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail("interrupted", e);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Who is asking, for the audit: the OS user unless --by says otherwise. */
    static String defaultRequester() {
        return System.getProperty("user.name", "admin");
    }

    int fail(String message, Throwable cause) {
        err().println("error: " + message);
        if (cause != null && System.getenv("FACEGATE_DEBUG") != null) {
            cause.printStackTrace(err());
        }
        err().flush();
        return FAILED;
    }

    private static String causeOf(Throwable e) {
        Throwable c = e.getCause();
        return c == null || c.getMessage() == null ? "" : " (" + c.getMessage() + ")";
    }
}
