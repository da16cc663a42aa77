package io.javeze.config.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler schedule expression, checked with AWS's rules: {@code rate(value unit)} (minute(s), hour(s),
 * day(s); singular exactly when the value is 1), {@code cron(minutes hours day-of-month month day-of-week year)} (six
 * fields; one of day-of-month and day-of-week must be {@code ?}; {@code L}, {@code W} and {@code #} where AWS allows
 * them) and the one-time {@code at(yyyy-mm-ddThh:mm:ss)}. The processor checks expressions with it at compile time;
 * the local cloud validates CreateSchedule and computes fire times with it.
 */
public final class ScheduleExpression {
    private static final Pattern RATE = Pattern.compile("rate\\((\\S+) (\\S+)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    private static final Pattern AT = Pattern.compile("at\\((.*)\\)");
    private static final Pattern INT = Pattern.compile("\\d{1,9}");
    private static final List<String> MONTHS = List.of("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");
    private static final List<String> DAYS = List.of("SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT");
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;

    /** What the expression is: a fixed period, a cron or a single time. */
    public enum Kind { RATE, CRON, AT }

    private final String text;
    private final Kind kind;
    private final Duration period;
    private final LocalDateTime at;
    private final Cron cron;

    private ScheduleExpression(String text, Kind kind, Duration period, LocalDateTime at, Cron cron) {
        this.text = text;
        this.kind = kind;
        this.period = period;
        this.at = at;
        this.cron = cron;
    }

    /** The expression, or an {@link IllegalArgumentException} whose message says what is wrong in one line. */
    public static ScheduleExpression parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("is empty; use rate(5 minutes), cron(0 12 * * ? *) or at(2030-01-01T09:00:00)");
        }
        Matcher m = RATE.matcher(expression);
        if (m.matches()) return new ScheduleExpression(expression, Kind.RATE, rate(m.group(1), m.group(2)), null, null);
        m = CRON.matcher(expression);
        if (m.matches()) return new ScheduleExpression(expression, Kind.CRON, null, null, Cron.parse(m.group(1)));
        m = AT.matcher(expression);
        if (m.matches()) {
            try {
                if (!m.group(1).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}")) throw new DateTimeParseException("", m.group(1), 0);
                return new ScheduleExpression(expression, Kind.AT, null, LocalDateTime.parse(m.group(1)), null);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("at(...) needs a date and time yyyy-mm-ddThh:mm:ss, got \"" + m.group(1) + "\"");
            }
        }
        throw new IllegalArgumentException("must be rate(value unit), cron(minutes hours day-of-month month day-of-week year) "
                + "or at(yyyy-mm-ddThh:mm:ss), got \"" + expression + "\"");
    }

    /** Why the expression is invalid, or null when it is valid. */
    public static String problem(String expression) {
        try {
            parse(expression);
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static Duration rate(String value, String unit) {
        if (!INT.matcher(value).matches() || Long.parseLong(value) < 1) {
            throw new IllegalArgumentException("rate value must be a positive whole number, got \"" + value + "\"");
        }
        long n = Long.parseLong(value);
        String base = unit.endsWith("s") ? unit.substring(0, unit.length() - 1) : unit;
        Duration one = switch (base) {
            case "minute" -> Duration.ofMinutes(1);
            case "hour" -> Duration.ofHours(1);
            case "day" -> Duration.ofDays(1);
            default -> throw new IllegalArgumentException("rate unit must be minute(s), hour(s) or day(s), got \"" + unit + "\"");
        };
        boolean plural = unit.endsWith("s");
        if (n == 1 && plural) throw new IllegalArgumentException("rate(1 " + unit + ") must use the singular: rate(1 " + base + ")");
        if (n > 1 && !plural) throw new IllegalArgumentException("rate(" + n + " " + unit + ") must use the plural: rate(" + n + " " + base + "s)");
        return one.multipliedBy(n);
    }

    public String text() {
        return text;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The first time after {@code after} the schedule fires, or null if it never does again.
     *
     * @param start when a rate schedule started (it fires every period from then), ignored by cron and at
     * @param zone  the schedule's time zone, for cron fields and at's wall-clock time
     */
    public Instant next(Instant after, Instant start, ZoneId zone) {
        return switch (kind) {
            case RATE -> {
                if (after.isBefore(start)) yield start.plus(period);
                long periods = Duration.between(start, after).toMillis() / period.toMillis() + 1;
                yield start.plus(period.multipliedBy(periods));
            }
            case AT -> {
                Instant when = at.atZone(zone).toInstant();
                yield when.isAfter(after) ? when : null;
            }
            case CRON -> cron.next(after, zone);
        };
    }

    /** The six cron fields as sets of allowed values, with day-of-month's and day-of-week's special forms. */
    private record Cron(BitSet minutes, BitSet hours, DayField dom, BitSet months, DayField dow, BitSet years) {

        static Cron parse(String body) {
            String[] f = body.trim().split("\\s+");
            if (f.length != 6) {
                throw new IllegalArgumentException("cron(...) needs 6 fields (minutes hours day-of-month month day-of-week year), got "
                        + f.length + " in \"" + body + "\"");
            }
            boolean domAny = f[2].equals("?");
            boolean dowAny = f[4].equals("?");
            if (domAny == dowAny) {
                throw new IllegalArgumentException("cron(...) must have ? in exactly one of day-of-month and day-of-week (AWS does not "
                        + "combine them), got \"" + f[2] + "\" and \"" + f[4] + "\"");
            }
            return new Cron(values(f[0], "minutes", 0, 59, null), values(f[1], "hours", 0, 23, null), DayField.dom(f[2]),
                    values(f[3], "month", 1, 12, MONTHS), DayField.dow(f[4]), values(f[5], "year", MIN_YEAR, MAX_YEAR, null));
        }

        Instant next(Instant after, ZoneId zone) {
            ZonedDateTime from = after.atZone(zone);
            for (LocalDate day = from.toLocalDate(); day.getYear() <= MAX_YEAR; day = day.plusDays(1)) {
                if (!years.get(day.getYear()) || !months.get(day.getMonthValue()) || !dom.matches(day) || !dow.matches(day)) continue;
                for (int h = hours.nextSetBit(0); h >= 0; h = hours.nextSetBit(h + 1)) {
                    for (int m = minutes.nextSetBit(0); m >= 0; m = minutes.nextSetBit(m + 1)) {
                        ZonedDateTime t = day.atTime(h, m).atZone(zone);
                        if (t.toInstant().isAfter(after)) return t.toInstant();
                    }
                }
            }
            return null;
        }
    }

    /** Day-of-month ({@code L}, {@code LW}, {@code nW}) or day-of-week ({@code nL}, {@code L}, {@code n#k}); {@code ?} matches any day. */
    private record DayField(boolean month, BitSet days, boolean last, int nearestWeekday, int lastWeekday, int nth) {

        static DayField dom(String field) {
            if (field.equals("?")) return new DayField(true, null, false, 0, 0, 0);
            if (field.equals("L")) return new DayField(true, null, true, 0, 0, 0);
            if (field.equals("LW")) return new DayField(true, null, true, -1, 0, 0);
            Matcher w = Pattern.compile("(\\d{1,2})W").matcher(field);
            if (w.matches()) {
                int d = Integer.parseInt(w.group(1));
                if (d < 1 || d > 31) throw new IllegalArgumentException("cron day-of-month " + field + ": the day must be 1-31");
                return new DayField(true, null, false, d, 0, 0);
            }
            return new DayField(true, ScheduleExpression.values(field, "day-of-month", 1, 31, null), false, 0, 0, 0);
        }

        static DayField dow(String field) {
            if (field.equals("?")) return new DayField(false, null, false, 0, 0, 0);
            if (field.equals("L")) return new DayField(false, null, false, 0, 7, 0);
            Matcher last = Pattern.compile("([1-7]|[A-Z]{3})L").matcher(field);
            if (last.matches()) return new DayField(false, null, false, 0, value(last.group(1), "day-of-week", 1, 7, DAYS), 0);
            Matcher nth = Pattern.compile("([1-7]|[A-Z]{3})#(\\d)").matcher(field);
            if (nth.matches()) {
                int k = Integer.parseInt(nth.group(2));
                if (k < 1 || k > 5) throw new IllegalArgumentException("cron day-of-week " + field + ": the week after # must be 1-5");
                return new DayField(false, null, false, 0, value(nth.group(1), "day-of-week", 1, 7, DAYS), k);
            }
            return new DayField(false, ScheduleExpression.values(field, "day-of-week", 1, 7, DAYS), false, 0, 0, 0);
        }

        boolean matches(LocalDate day) {
            if (month) {
                int length = day.lengthOfMonth();
                if (last && nearestWeekday == -1) return day.equals(weekdayNear(day.withDayOfMonth(length)));
                if (last) return day.getDayOfMonth() == length;
                if (nearestWeekday > 0) return nearestWeekday <= length && day.equals(weekdayNear(day.withDayOfMonth(nearestWeekday)));
                return days == null || days.get(day.getDayOfMonth());
            }
            int awsDay = day.getDayOfWeek().getValue() % 7 + 1; // SUN=1 .. SAT=7
            if (lastWeekday > 0 && nth == 0) {
                return awsDay == lastWeekday && day.plusWeeks(1).getMonthValue() != day.getMonthValue();
            }
            if (nth > 0) return awsDay == lastWeekday && (day.getDayOfMonth() - 1) / 7 + 1 == nth;
            return days == null || days.get(awsDay);
        }

        /** The weekday nearest to the day within its month, as W means. */
        private static LocalDate weekdayNear(LocalDate d) {
            DayOfWeek w = d.getDayOfWeek();
            if (w == DayOfWeek.SATURDAY) return d.getDayOfMonth() > 1 ? d.minusDays(1) : d.plusDays(2);
            if (w == DayOfWeek.SUNDAY) return d.getDayOfMonth() < d.lengthOfMonth() ? d.plusDays(1) : d.minusDays(2);
            return d;
        }
    }

    /** A field of comma-separated {@code *}, {@code v}, {@code a-b}, each optionally {@code /step}. */
    private static BitSet values(String field, String name, int min, int max, List<String> names) {
        BitSet out = new BitSet(max + 1);
        for (String part : field.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                String s = part.substring(slash + 1);
                if (!INT.matcher(s).matches() || Integer.parseInt(s) < 1) {
                    throw new IllegalArgumentException("cron " + name + " \"" + field + "\": the step after / must be a positive number");
                }
                step = Integer.parseInt(s);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) throw new IllegalArgumentException("cron " + name + " \"" + field + "\": bad range " + range);
                from = value(ends[0], name, min, max, names);
                to = value(ends[1], name, min, max, names);
                if (from > to) throw new IllegalArgumentException("cron " + name + " \"" + field + "\": range " + range + " runs backwards");
            } else {
                from = value(range, name, min, max, names);
                to = slash >= 0 ? max : from;
            }
            for (int v = from; v <= to; v += step) out.set(v);
        }
        return out;
    }

    private static int value(String text, String name, int min, int max, List<String> names) {
        if (names != null && names.contains(text.toUpperCase(Locale.ROOT))) return names.indexOf(text.toUpperCase(Locale.ROOT)) + min;
        if (!INT.matcher(text).matches() || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
            throw new IllegalArgumentException("cron " + name + " value \"" + text + "\" must be " + min + "-" + max
                    + (names == null ? "" : " or " + names.get(0) + "-" + names.get(names.size() - 1))
                    + (name.equals("day-of-month") || name.equals("day-of-week") ? " (or ? / L" + (name.equals("day-of-month") ? " / W)" : " / #)") : ""));
        }
        return Integer.parseInt(text);
    }

    @Override
    public String toString() {
        return text;
    }
}
