package com.facegate.cli.admin;

import com.facegate.cloud.registry.DoorMode;
import com.facegate.cloud.registry.ModeWindow;
import com.facegate.cloud.registry.ScheduleWindow;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A door mode in a weekly window: {@code MODE@DAYS HH:MM-HH:MM}, read as a {@link ScheduleArg} window. */
final class ModeWindowArg implements ITypeConverter<ModeWindow> {
    static final String HELP = "MODE@DAYS HH:MM-HH:MM, e.g. 'FACE@MON-FRI 08:00-18:00'";

    @Override
    public ModeWindow convert(String value) {
        ScheduleWindow w;
        try {
            w = new ScheduleArg().convert(value);
        } catch (TypeConversionException e) {
            throw new TypeConversionException("'" + value + "' is not a mode window; use " + HELP);
        }
        if (w.group() == null) {
            throw new TypeConversionException("'" + value + "' names no mode; use " + HELP);
        }
        try {
            return new ModeWindow(DoorMode.valueOf(w.group().toUpperCase(Locale.ROOT)), w.days(), w.from(),
                    w.until());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "': unknown mode or empty window; use " + HELP);
        }
    }
}
