package com.facegate.cli.admin;

import com.facegate.cloud.registry.ScheduleWindow;
import com.facegate.cloud.registry.WindowText;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * A weekly window: {@code [group@]DAYS HH:MM-HH:MM}, e.g. {@code MON-FRI 07:00-19:00}, {@code night@MON,TUE
 * 22:00-06:00} (past midnight), {@code ALL 00:00-00:00} (all day), read by {@link WindowText} as the console reads
 * it. Times are in the door's time zone.
 */
final class ScheduleArg implements ITypeConverter<ScheduleWindow> {
    static final String HELP = WindowText.SCHEDULE_HELP;

    @Override
    public ScheduleWindow convert(String value) {
        try {
            return WindowText.schedule(value);
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage().contains(HELP) ? e.getMessage()
                    : "'" + value + "' is not a schedule window (" + e.getMessage() + "); use " + HELP);
        }
    }

    /** The inverse, for listings: {@code staff@MON,TUE,WED 07:00-19:00}. */
    static String format(ScheduleWindow w) {
        return WindowText.format(w);
    }
}
