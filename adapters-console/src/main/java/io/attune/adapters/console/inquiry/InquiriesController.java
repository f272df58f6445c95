package io.attune.adapters.console.inquiry;

import io.attune.adapters.console.action.ParameterForm;
import io.attune.adapters.console.web.ConsoleFilter;
import io.attune.adapters.console.web.ConsoleUser;
import io.attune.adapters.console.web.Form;
import io.attune.adapters.console.web.Pages;
import io.attune.adapters.console.web.Paging;
import io.attune.adapters.console.web.RequiresRole;
import io.attune.application.port.in.FieldError;
import io.attune.application.port.in.Identities.Principal;
import io.attune.application.port.in.InquiryCommands;
import io.attune.application.port.in.InquiryCommands.InquiryView;
import io.attune.application.port.in.InquiryQueries;
import io.attune.application.port.in.InquiryQueries.InquiryFilter;
import io.attune.application.port.in.Page;
import io.attune.application.port.in.PageRequest;
import io.attune.application.port.in.UseCaseException;
import io.attune.domain.action.ParameterSchema;
import io.attune.domain.identity.Role;
import io.attune.domain.inquiry.Inquiry;
import io.attune.domain.inquiry.InquiryStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inquiries: a list (pending ones unless another status is chosen), and an inquiry's page with a response form
 * generated from its schema ({@link ParameterForm}, the schema's properties read as parameters); answering is the
 * API's {@code POST /api/v1/inquiries/{id}/respond}: the schema's 422 field errors next to their fields, 403 for a
 * user the inquiry is not for, and the answer resumes the workflow that asked.
 */
@Controller("/inquiries")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
public final class InquiriesController {

    static final int PAGE = 50;

    private final InquiryQueries queries;
    private final InquiryCommands commands;
    private final Pages pages;

    InquiriesController(InquiryQueries queries, InquiryCommands commands, Pages pages) {
        this.queries = queries;
        this.commands = commands;
        this.pages = pages;
    }

    @Get
    public Object list(HttpRequest<?> request, @Nullable @QueryValue String status,
                       @QueryValue(defaultValue = "0") int offset) {
        String chosen = status == null ? InquiryStatus.PENDING.code() : status.strip();
        Optional<InquiryStatus> filter = Arrays.stream(InquiryStatus.values())
                .filter(s -> s.code().equals(chosen)).findFirst();
        Page<InquiryView> page = queries.list(new InquiryFilter(filter, Optional.empty()),
                new PageRequest(PAGE, Math.max(0, offset)));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("inquiries", page.items().stream().map(InquiryView::inquiry).toList());
        model.put("status", filter.map(InquiryStatus::code).orElse(""));
        model.put("statuses", Arrays.stream(InquiryStatus.values()).map(InquiryStatus::code).toList());
        model.put("paging", Paging.of(page, "status=" + filter.map(InquiryStatus::code).orElse("any")));
        return pages.page(request, "inquiries/list", "Inquiries", "inquiries", model);
    }

    @Get("/{id}")
    public Object inquiry(HttpRequest<?> request, @PathVariable long id) {
        Inquiry inquiry = queries.get(id).inquiry();
        return page(request, inquiry, ParameterForm.blank(schema(inquiry)));
    }

    @Post(value = "/{id}/respond", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @RequiresRole(Role.OPERATOR)
    public HttpResponse<?> respond(HttpRequest<?> request, @PathVariable long id, @Body Map<String, Object> body) {
        Inquiry inquiry = queries.get(id).inquiry();
        ParameterForm.Submitted submitted = ParameterForm.read(schema(inquiry), new Form(body));
        if (submitted.hasErrors()) {
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY,
                    page(request, inquiry, submitted.form()));
        }
        ConsoleUser user = ConsoleFilter.user(request);
        try {
            commands.respond(new InquiryCommands.Respond(id, submitted.parameters(),
                    new Principal(user.name(), user.role())));
        } catch (UseCaseException.Invalid e) {
            // the schema's errors name "response.<field>": the form's fields are the parameters of ParameterForm
            List<FieldError> errors = e.errors().stream().map(f -> f.field().startsWith("response.")
                    ? FieldError.of("parameters." + f.field().substring("response.".length()), f.message()) : f)
                    .toList();
            return ConsoleFilter.withStatus(request, HttpStatus.UNPROCESSABLE_ENTITY,
                    page(request, inquiry, submitted.form().withErrors(errors)));
        }
        return HttpResponse.seeOther(URI.create("/inquiries/" + id));
    }

    private Object page(HttpRequest<?> request, Inquiry inquiry, ParameterForm form) {
        ConsoleUser user = ConsoleFilter.user(request);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("inquiry", inquiry);
        model.put("form", form);
        model.put("mayAnswer", inquiry.status() == InquiryStatus.PENDING
                && inquiry.mayBeAnsweredBy(user.name(), user.role()));
        return pages.page(request, "inquiries/inquiry", "Inquiry " + inquiry.id(), "inquiries", model);
    }

    /** The inquiry's JSON schema read as the parameters of a form: its properties, {@code required} marked on each. */
    static ParameterSchema schema(Inquiry inquiry) {
        Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
        List<?> required = inquiry.schema().get("required") instanceof List<?> r ? r : List.of();
        if (inquiry.schema().get("properties") instanceof Map<?, ?> properties) {
            properties.forEach((name, spec) -> {
                Map<String, Object> copy = new LinkedHashMap<>();
                if (spec instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                }
                if (required.contains(name)) {
                    copy.put("required", true);
                }
                parameters.put(String.valueOf(name), copy);
            });
        }
        try {
            return new ParameterSchema(parameters);
        } catch (IllegalArgumentException e) {
            return ParameterSchema.none();   // a property name a form cannot carry: the page says to use the API
        }
    }
}
