package com.facegate.cli.admin;

import com.facegate.cloud.registry.ModeWindow;
import com.facegate.cloud.registry.WindowText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A door mode in a weekly window: {@code MODE@DAYS HH:MM-HH:MM}, read by {@link WindowText}. */
final class ModeWindowArg implements ITypeConverter<ModeWindow> {
    static final String HELP = WindowText.MODE_HELP;

    @Override
    public ModeWindow convert(String value) {
        try {
            return WindowText.mode(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage().contains(HELP) ? e.getMessage()
                    : "'" + value + "' is not a mode window (" + e.getMessage() + "); use " + HELP);
        }
    }
}
