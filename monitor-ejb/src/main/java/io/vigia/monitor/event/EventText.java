package io.vigia.monitor.event;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.Serializable;
import java.io.StringReader;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * A text of the event log in no language yet: a key of the {@code EventText} bundle and its
 * arguments. It is worded in English when the event is written (the {@code message} and {@code
 * detail} the API answers with, as they always read) and kept beside them, so a page words it again
 * in its reader's language and time zone. Arguments that came from hosts or people (host, process
 * and container names, reasons) stay as they are in every language.
 *
 * <p>An argument is a {@link String} (as it is), a {@link Num}, a {@link Time}, a {@link Span}, a
 * {@link Word} (a term the bundle may translate, such as a command's state) or another {@code
 * EventText}. The key {@link #PARTS} joins its arguments with "; ".
 */
public record EventText(String key, List<Object> args) implements Serializable {

  /** The bundle of event texts: English, and one file per other language. */
  public static final String BUNDLE = "io.vigia.monitor.event.EventText";

  /** The key of a list of texts, joined with "; " in every language. */
  public static final String PARTS = "parts";

  /** A number; {@code digits} fraction digits, or as Java writes a double when null. */
  public record Num(double value, Integer digits) implements Serializable {}

  /** An instant, epoch milliseconds. */
  public record Time(long ms) implements Serializable {}

  /** A length of time, milliseconds. */
  public record Span(long ms) implements Serializable {}

  /**
   * A term the bundle may word ({@code word.<group>.<term>}), as it is where it has none: a
   * command's {@code state} or type ({@code command}), a container {@code action}, a {@code role}.
   */
  public record Word(String group, String term) implements Serializable {}

  /** How the arguments read in one language. */
  public interface Wording {
    ResourceBundle bundle();

    String number(Num n);

    String time(long ms);

    String span(long ms);
  }

  public static EventText of(String key, Object... args) {
    return new EventText(key, List.of(args));
  }

  /** Someone's own words (a user's reason, an agent's answer), as they are; null for null. */
  public static EventText literal(String text) {
    return text == null ? null : new EventText(PARTS, List.of(text));
  }

  /** Whether this is someone's own words, the same in every language. */
  public boolean isLiteral() {
    return key.equals(PARTS) && args.size() == 1 && args.get(0) instanceof String;
  }

  /** Several texts, joined with "; "; empty when there are none. */
  public static Optional<EventText> parts(List<EventText> parts) {
    return parts.isEmpty()
        ? Optional.empty()
        : Optional.of(new EventText(PARTS, List.copyOf(parts)));
  }

  /**
   * As the API has always written it: English, numbers and instants as Java prints them ({@code
   * 93.5}, {@code 2026-11-30T01:00:00Z}, {@code PT5S}).
   */
  public static final Wording API =
      new Wording() {
        @Override
        public ResourceBundle bundle() {
          return ResourceBundle.getBundle(
              BUNDLE,
              Locale.ROOT,
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
        }

        @Override
        public String number(Num n) {
          return n.digits() == null
              ? String.valueOf(n.value())
              : String.format(Locale.ROOT, "%." + n.digits() + "f", n.value());
        }

        @Override
        public String time(long ms) {
          return Instant.ofEpochMilli(ms).toString();
        }

        @Override
        public String span(long ms) {
          return Duration.ofMillis(ms).toString();
        }
      };

  /** This text in one language. */
  public String in(Wording w) {
    ResourceBundle bundle = w.bundle();
    List<String> worded = new ArrayList<>(args.size());
    for (Object a : args) {
      worded.add(arg(a, w, bundle));
    }
    if (key.equals(PARTS)) {
      return String.join("; ", worded);
    }
    return new MessageFormat(bundle.getString(key), bundle.getLocale())
        .format(worded.toArray(), new StringBuffer(), null)
        .toString();
  }

  private static String arg(Object a, Wording w, ResourceBundle bundle) {
    if (a instanceof EventText t) {
      return t.in(w);
    }
    if (a instanceof Num n) {
      return w.number(n);
    }
    if (a instanceof Time t) {
      return w.time(t.ms());
    }
    if (a instanceof Span s) {
      return w.span(s.ms());
    }
    if (a instanceof Word word) {
      try {
        return bundle.getString("word." + word.group() + "." + word.term());
      } catch (MissingResourceException e) {
        return word.term(); // no word for it in this language: the term itself
      }
    }
    return String.valueOf(a);
  }

  /** As stored beside the English: {@code {"k":"host.online","a":["web-1"]}}. */
  public String toJson() {
    return json().toString();
  }

  private JsonObject json() {
    JsonArrayBuilder a = Json.createArrayBuilder();
    for (Object o : args) {
      if (o instanceof EventText t) {
        a.add(t.json());
      } else if (o instanceof Num n) {
        var b = Json.createObjectBuilder().add("n", n.value());
        if (n.digits() != null) {
          b.add("f", n.digits());
        }
        a.add(b);
      } else if (o instanceof Time t) {
        a.add(Json.createObjectBuilder().add("t", t.ms()));
      } else if (o instanceof Span s) {
        a.add(Json.createObjectBuilder().add("s", s.ms()));
      } else if (o instanceof Word w) {
        a.add(Json.createObjectBuilder().add("w", w.group()).add("v", w.term()));
      } else {
        a.add(String.valueOf(o));
      }
    }
    return Json.createObjectBuilder().add("k", key).add("a", a).build();
  }

  /** What {@link #toJson()} wrote; empty for anything else (a row from before texts were kept). */
  public static Optional<EventText> fromJson(String json) {
    if (json == null || json.isBlank()) {
      return Optional.empty();
    }
    try (var reader = Json.createReader(new StringReader(json))) {
      return Optional.of(of(reader.readObject()));
    } catch (RuntimeException e) {
      return Optional.empty(); // not one of ours: the stored English is shown instead
    }
  }

  private static EventText of(JsonObject o) {
    List<Object> args = new ArrayList<>();
    JsonArray a = o.getJsonArray("a");
    for (JsonValue v : a) {
      if (v instanceof JsonString s) {
        args.add(s.getString());
      } else {
        JsonObject x = v.asJsonObject();
        if (x.containsKey("k")) {
          args.add(of(x));
        } else if (x.containsKey("n")) {
          args.add(
              new Num(
                  ((JsonNumber) x.get("n")).doubleValue(),
                  x.containsKey("f") ? x.getInt("f") : null));
        } else if (x.containsKey("t")) {
          args.add(new Time(x.getJsonNumber("t").longValue()));
        } else if (x.containsKey("s")) {
          args.add(new Span(x.getJsonNumber("s").longValue()));
        } else {
          args.add(new Word(x.getString("w"), x.getString("v")));
        }
      }
    }
    return new EventText(o.getString("k"), args);
  }
}
