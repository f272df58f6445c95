package io.attune.adapters.console.sensor;

import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.application.port.in.CatalogQueries;
import io.attune.application.port.in.CatalogQueries.ComponentFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.SensorQueries;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.common.Ref;
import io.attune.domain.sensor.Sensor;
import io.attune.domain.sensor.SensorState;
import io.attune.domain.trigger.Trigger;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Read-only pages of the event sources: the sensors with what the supervisor recorded (status, restarts, last exit
 * and error, events emitted, malformed lines) and a sensor's recent malformed lines; the triggers with their
 * payload and parameter schemas. Any signed-in user, as the API's GETs.
 */
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class SensorsController {

    static final int PAGE = 50;
    static final int ERRORS = 50;

    private final CatalogQueries catalog;
    private final SensorQueries sensors;
    private final Pages pages;

    SensorsController(CatalogQueries catalog, SensorQueries sensors, Pages pages) {
        this.catalog = catalog;
        this.sensors = sensors;
        this.pages = pages;
    }

    /** A sensor with its recorded state ({@code null} before a supervisor looked at it). */
    public record Row(Sensor sensor, SensorState state) {
    }

    @Get("/sensors")
    public Object list(HttpRequest<?> request, @QueryValue(defaultValue = "0") int offset) {
        Page<Sensor> page = catalog.sensors(ComponentFilter.any(), new PageRequest(PAGE, Math.max(0, offset)));
        List<Row> rows = page.items().stream()
                .map(s -> new Row(s, sensors.state(s.ref()).orElse(null))).toList();
        return pages.page(request, "sensors/list", "Sensors", "sensors",
                Map.of("rows", rows, "paging", Paging.of(page, "")));
    }

    @Get("/sensors/{ref}")
    public Object sensor(HttpRequest<?> request, @PathVariable String ref) {
        Ref parsed = parse("sensor", ref);
        Sensor sensor = catalog.sensor(parsed);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("row", new Row(sensor, sensors.state(parsed).orElse(null)));
        model.put("errors", sensors.errors(parsed, ERRORS));
        return pages.page(request, "sensors/sensor", "Sensor " + sensor.ref(), "sensors", model);
    }

    @Get("/triggers")
    public Object triggers(HttpRequest<?> request, @QueryValue(defaultValue = "0") int offset) {
        Page<Trigger> page = catalog.triggers(ComponentFilter.any(), new PageRequest(PAGE, Math.max(0, offset)));
        return pages.page(request, "sensors/triggers", "Triggers", "triggers",
                Map.of("triggers", page.items(), "paging", Paging.of(page, "")));
    }

    private static Ref parse(String kind, String ref) {
        try {
            return Ref.parse(ref);
        } catch (IllegalArgumentException e) {
            throw new UseCaseException.NotFound(kind, ref);
        }
    }
}
