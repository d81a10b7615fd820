package io.vigia.web.ui;

import io.vigia.monitor.event.EventEntry;
import io.vigia.monitor.event.EventFilter;
import io.vigia.monitor.event.EventKind;
import io.vigia.monitor.event.EventLog;
import io.vigia.monitor.event.EventPage;
import io.vigia.monitor.host.Host;
import io.vigia.monitor.host.HostDirectory;
import io.vigia.monitor.host.HostSummary;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import org.primefaces.model.FilterMeta;
import org.primefaces.model.LazyDataModel;
import org.primefaces.model.SortMeta;

/**
 * Backs {@code events.xhtml}: the event log, newest first, a page at a time from {@link EventLog},
 * filtered by host, kind and time range. The filter is the page's address ({@code
 * ?host=&kind=&range=24h}, or {@code range=custom&from=&to=} in the viewer's time zone), so a view
 * can be bookmarked and shared; the page's form sends it with GET. What the monitor wrote of each
 * event is worded in the page's language and the viewer's time zone.
 */
@Named
@ViewScoped
public class EventsPage implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The time ranges offered, up to now; {@code all} has no start, {@code custom} uses from/to. */
  static final Map<String, Duration> PRESETS =
      Map.of(
          "1h", Duration.ofHours(1),
          "24h", Duration.ofHours(24),
          "7d", Duration.ofDays(7),
          "30d", Duration.ofDays(30));

  static final String ALL = "all";
  static final String CUSTOM = "custom";

  @Inject private EventLog events;
  @Inject private HostDirectory directory;
  @Inject private Formats fmt;

  private String host;
  private String kind;
  private String range;
  private String from;
  private String to;

  /** What the address asks for, once checked; null when something in it is wrong. */
  private EventFilter filter;

  private final LazyDataModel<EventEntry> model = new Events();

  /**
   * Turns the address into a filter, once per view. A wrong part (an unknown host or kind, a date
   * that is not one, a range that ends before it starts) is said at the top, and nothing is listed
   * rather than more than was asked for.
   */
  public void load() {
    if (FacesContext.getCurrentInstance().isPostback()) {
      return;
    }
    boolean wrong = false;
    Optional<Long> hostId = Optional.empty();
    if (!blank(host)) {
      Optional<Host> h = directory.byName(host);
      if (h.isEmpty()) {
        error(text("problem.host", host));
        wrong = true;
      } else {
        hostId = Optional.of(h.get().getId());
      }
    }
    Optional<EventKind> k = Optional.empty();
    if (!blank(kind)) {
      k = EventKind.byApiName(kind.strip());
      if (k.isEmpty()) {
        error(text("problem.kind"));
        wrong = true;
      }
    }
    Optional<Long> since = Optional.empty();
    Optional<Long> until = Optional.empty();
    String r = getRange();
    if (PRESETS.containsKey(r)) {
      since = Optional.of(System.currentTimeMillis() - PRESETS.get(r).toMillis());
    } else if (r.equals(CUSTOM)) {
      try {
        since = localTime(from);
        until = localTime(to);
        if (since.isPresent() && until.isPresent() && since.get() >= until.get()) {
          error(text("problem.order"));
          wrong = true;
        }
      } catch (DateTimeParseException e) {
        error(text("problem.time"));
        wrong = true;
      }
    } else if (!r.equals(ALL)) {
      error(text("problem.range"));
      wrong = true;
    }
    filter = wrong ? null : new EventFilter(hostId, k, since, until);
  }

  /** A {@code datetime-local} value in the viewer's zone as epoch ms; empty when blank. */
  private Optional<Long> localTime(String value) {
    if (blank(value)) {
      return Optional.empty();
    }
    return Optional.of(
        LocalDateTime.parse(value.strip()).atZone(fmt.getZone()).toInstant().toEpochMilli());
  }

  public LazyDataModel<EventEntry> getModel() {
    return model;
  }

  /** Whether the address held a filter that could be used. */
  public boolean isValid() {
    return filter != null;
  }

  /** The names of the hosts to filter by, sorted. */
  public List<String> getHostNames() {
    return directory.overview().stream().map(HostSummary::name).sorted().toList();
  }

  public List<String> getKinds() {
    return EventKind.apiNames();
  }

  public List<String> getRanges() {
    return List.of("1h", "24h", "7d", "30d", ALL, CUSTOM);
  }

  /** How a kind of event is called on the page; its API name if the page has no word for it. */
  public String kindLabel(String apiName) {
    return bundle().containsKey("kind." + apiName) ? text("kind." + apiName) : apiName;
  }

  /** How a severity is called on the page; its API name if the page has no word for it. */
  public String severityLabel(String apiName) {
    return bundle().containsKey("severity." + apiName) ? text("severity." + apiName) : apiName;
  }

  /**
   * Who did it: a user's name as it is; the monitor itself ({@link EventLog#SYSTEM}) and a host's
   * agent ({@link EventLog#AGENT}) in the page's language.
   */
  public String actorLabel(String actor) {
    return EventLog.SYSTEM.equals(actor) || EventLog.AGENT.equals(actor)
        ? text("actor." + actor)
        : actor;
  }

  public String getHost() {
    return host;
  }

  public void setHost(String host) {
    this.host = host;
  }

  public String getKind() {
    return kind;
  }

  public void setKind(String kind) {
    this.kind = kind;
  }

  /** The time range, {@code all} when the address names none. */
  public String getRange() {
    return blank(range) ? ALL : range.strip();
  }

  public void setRange(String range) {
    this.range = range;
  }

  public String getFrom() {
    return from;
  }

  public void setFrom(String from) {
    this.from = from;
  }

  public String getTo() {
    return to;
  }

  public void setTo(String to) {
    this.to = to;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }

  private static ResourceBundle bundle() {
    FacesContext faces = FacesContext.getCurrentInstance();
    return faces.getApplication().getResourceBundle(faces, "eventsText");
  }

  private String text(String key, Object... args) {
    return fmt.text("eventsText", key, args);
  }

  private static void error(String text) {
    FacesContext.getCurrentInstance()
        .addMessage(null, new FacesMessage(FacesMessage.SEVERITY_ERROR, text, null));
  }

  /** The events the filter lets through, newest first, a page at a time from the database. */
  private final class Events extends LazyDataModel<EventEntry> {
    private static final long serialVersionUID = 1L;

    @Override
    public int count(Map<String, FilterMeta> filterBy) {
      return filter == null
          ? 0
          : (int) Math.min(Integer.MAX_VALUE, events.find(filter, 0, 1).total());
    }

    @Override
    public List<EventEntry> load(
        int first, int pageSize, Map<String, SortMeta> sortBy, Map<String, FilterMeta> filterBy) {
      if (filter == null) {
        return List.of();
      }
      int size = Math.max(1, Math.min(pageSize, EventLog.MAX_PAGE_SIZE));
      EventPage page = events.find(filter, first / size, size, fmt.eventWording());
      setRowCount((int) Math.min(Integer.MAX_VALUE, page.total()));
      return page.items();
    }

    @Override
    public String getRowKey(EventEntry e) {
      return Long.toString(e.id());
    }
  }
}
