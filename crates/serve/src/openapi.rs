//! The OpenAPI 3.1 description served at `/openapi.json`, written by hand.

use serde_json::{json, Map, Value};

fn query(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "query", "required": false, "description": description, "schema": schema })
}

fn path_param(name: &str, description: &str, schema: Value) -> Value {
    json!({ "name": name, "in": "path", "required": true, "description": description, "schema": schema })
}

fn string() -> Value {
    json!({ "type": "string" })
}

fn date() -> Value {
    json!({ "type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$" })
}

fn paging() -> Vec<Value> {
    vec![
        query(
            "limit",
            "Rows per page (1–200, default 20).",
            json!({ "type": "integer", "minimum": 1, "maximum": 200, "default": 20 }),
        ),
        query(
            "offset",
            "Rows to skip (default 0).",
            json!({ "type": "integer", "minimum": 0, "default": 0 }),
        ),
    ]
}

fn schema_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

fn ok(description: &str, schema: Value) -> Value {
    json!({ "description": description, "content": { "application/json": { "schema": schema } } })
}

fn error(description: &str) -> Value {
    ok(description, schema_ref("Error"))
}

fn paged(item: &str) -> Value {
    json!({
        "type": "object",
        "required": ["total", "offset", "limit", "items"],
        "properties": {
            "total": { "type": "integer", "description": "Rows the filter matches over all pages." },
            "offset": { "type": "integer" },
            "limit": { "type": "integer" },
            "next_offset": { "type": ["integer", "null"], "description": "Offset of the next page, if any." },
            "items": { "type": "array", "items": schema_ref(item) }
        }
    })
}

fn get_op(
    summary: &str,
    tag: &str,
    params: Vec<Value>,
    response: Value,
    errors: &[(&str, &str)],
) -> Value {
    let mut responses = Map::new();
    responses.insert("200".into(), response);
    for (code, what) in errors {
        responses.insert((*code).into(), error(what));
    }
    json!({ "summary": summary, "tags": [tag], "parameters": params, "responses": responses })
}

fn write_op(summary: &str, ok_code: &str, response: Value, extra: &[(&str, &str)]) -> Value {
    let mut responses = Map::new();
    responses.insert(ok_code.into(), response);
    for (code, what) in [
        ("400", "Malformed JSON or empty text."),
        ("401", "Missing or wrong bearer token."),
        (
            "403",
            "Write endpoints are disabled (no token configured on the server).",
        ),
        ("413", "Body larger than 2 MiB."),
        ("415", "Content-Type is not application/json."),
        (
            "422",
            "The body is JSON but not a document, or cannot be extracted.",
        ),
    ]
    .iter()
    .chain(extra)
    {
        responses.insert((*code).into(), error(what));
    }
    json!({
        "summary": summary,
        "tags": ["write"],
        "security": [{ "bearer": [] }],
        "requestBody": {
            "required": true,
            "content": { "application/json": { "schema": schema_ref("NewDocument") } }
        },
        "responses": responses
    })
}

/// The whole description.
pub fn document() -> Value {
    let bad = [("400", "A malformed parameter.")];
    let missing = [("404", "No item has this id.")];
    let claim_filters = vec![
        query(
            "actor",
            "An actor the claim concerns: name (any case) or CAMEO code prefix.",
            string(),
        ),
        query(
            "factuality",
            "Factuality of the claim.",
            json!({ "type": "string", "enum": crate::data::factualities() }),
        ),
        query(
            "source_kind",
            "Kind of a source behind the claim.",
            json!({ "type": "string", "enum": ["named_person", "named_organization", "anonymous", "outlet", "document"] }),
        ),
        query(
            "from",
            "Earliest report date (YYYY, YYYY-MM or YYYY-MM-DD).",
            date(),
        ),
        query("to", "Latest report date, inclusive.", date()),
        query("q", "Words that must all occur in the claim.", string()),
    ];
    let paths = json!({
        "/api/health": { "get": get_op("Liveness, version, store and whether writes are enabled.", "meta", vec![],
            ok("Server status.", json!({ "type": "object" })), &[]) },
        "/api/stats": { "get": get_op("Counts of documents, claims, events, actors, clusters and outlets.", "meta", vec![],
            ok("Figures.", schema_ref("Stats")), &[]) },
        "/api/documents": {
            "get": get_op("Documents, newest first.", "documents",
                [vec![
                    query("outlet", "Outlet name (any case).", string()),
                    query("from", "Earliest publication date.", date()),
                    query("to", "Latest publication date, inclusive.", date()),
                    query("q", "Words that must all occur in the title or text.", string()),
                ], paging()].concat(),
                ok("A page of documents.", paged("DocumentSummary")), &bad),
            "post": write_op("Extract one document, store it and link it to the stored reports.", "201",
                ok("Stored (201), or already stored with the same text (200).", schema_ref("Ingested")), &[("200", "Already stored.")])
        },
        "/api/documents/{id}": { "get": get_op("One document: its byline/1 JSON, relays, origin and near-duplicates.", "documents",
            vec![path_param("id", "byline/1 document id.", string())],
            ok("The document.", schema_ref("DocumentView")), &missing) },
        "/api/claims": { "get": get_op("Claims, newest report first.", "claims",
            [claim_filters, paging()].concat(), ok("A page of claims.", paged("ClaimSummary")), &bad) },
        "/api/claims/{doc_id}/{claim_id}": { "get": get_op("One claim with its provenance: sources, cue, factuality, relays and its cluster of reports.", "claims",
            vec![path_param("doc_id", "Document id.", string()), path_param("claim_id", "Claim id in the document (c1, c2 …).", string())],
            ok("The claim.", schema_ref("ClaimView")), &missing) },
        "/api/clusters": { "get": get_op("Claim clusters across reports, most independent source chains first.", "claims",
            [vec![
                query("actor", "Only clusters involving this actor (name, alias or code).", string()),
                query("contested", "Only clusters someone denies or contradicts.", json!({ "type": "boolean" })),
                query("min_chains", "Least number of independent source chains.", json!({ "type": "integer", "minimum": 0 })),
            ], paging()].concat(),
            ok("A page of cluster summaries.", paged("ClusterSummary")), &bad) },
        "/api/clusters/{id}": { "get": get_op("One claim cluster with every member claim and its report.", "claims",
            vec![path_param("id", "Cluster id.", json!({ "type": "integer", "minimum": 0 }))],
            ok("The cluster.", schema_ref("ClusterView")), &missing) },
        "/api/actors": { "get": get_op("Actors across reports, in most reports first.", "actors",
            [vec![
                query("q", "Name, alias or code.", string()),
                query("kind", "person, organization, country …", string()),
            ], paging()].concat(),
            ok("A page of actors.", paged("ActorSummary")), &bad) },
        "/api/actors/{id}": { "get": get_op("One actor: partners in the network, events, clusters and timeline.", "actors",
            vec![path_param("id", "Actor id, or a code or name naming exactly one actor.", string())],
            ok("The actor.", schema_ref("ActorView")), &[("404", "No actor has this id."), ("400", "The name matches several actors.")]) },
        "/api/network": { "get": get_op("Actor network: actors as nodes, shared claim clusters as edges.", "actors",
            vec![query("max_nodes", "Most connected actors kept (0: all; default 50).", json!({ "type": "integer", "minimum": 0 }))],
            ok("Nodes and edges.", schema_ref("Network")), &bad) },
        "/api/events": { "get": get_op("Events (PLOVER), latest first.", "events",
            [vec![
                query("actor", "The doer: name or CAMEO code prefix.", string()),
                query("target", "The target: name or CAMEO code prefix.", string()),
                query("event_type", "PLOVER type (ASSAULT, AID …).", string()),
                query("from", "Earliest event date.", date()),
                query("to", "Latest event date, inclusive.", date()),
            ], paging()].concat(),
            ok("A page of events.", paged("EventSummary")), &bad) },
        "/api/timeline": { "get": get_op("Every claim involving an actor (or a pair), oldest first.", "events",
            vec![
                query("actor", "Actor id, code or name (required).", string()),
                query("other", "Only claims also involving this actor.", string()),
                query("from", "Earliest date.", date()),
                query("to", "Latest date, inclusive.", date()),
            ],
            ok("Timeline entries.", json!({ "type": "array", "items": schema_ref("TimelineItem") })),
            &[("400", "actor missing or ambiguous."), ("404", "No such actor.")]) },
        "/api/search": { "get": get_op("Actors, claims and documents matching words.", "search",
            [vec![query("q", "Words (required).", string())], paging()].concat(),
            ok("What was found.", schema_ref("SearchResults")), &bad) },
        "/api/extract": { "post": write_op("Extract a text and return its byline/1 document; nothing is stored.", "200",
            ok("The byline/1 document.", json!({ "type": "object", "description": "byline/1 document (see the byline/1 JSON Schema)." })), &[]) },
        "/openapi.json": { "get": get_op("This description.", "meta", vec![], ok("OpenAPI 3.1.", json!({ "type": "object" })), &[]) }
    });
    let obj = |props: Value| json!({ "type": "object", "properties": props });
    let opt = |t: &str| json!({ "type": [t, "null"] });
    let strings = json!({ "type": "array", "items": { "type": "string" } });
    let schemas = json!({
        "Error": {
            "type": "object", "required": ["error"],
            "properties": { "error": { "type": "object", "required": ["status", "message"],
                "properties": { "status": { "type": "integer" }, "message": { "type": "string" } } } }
        },
        "NewDocument": {
            "type": "object", "required": ["text"],
            "properties": {
                "text": { "type": "string", "description": "Plain text of the report." },
                "published": opt("string"), "outlet": opt("string"), "url": opt("string"), "title": opt("string")
            }
        },
        "Ingested": obj(json!({ "id": string(), "created": { "type": "boolean" }, "claims": { "type": "integer" },
            "clusters": { "type": "array", "items": { "type": "integer" } } })),
        "Stats": obj(json!({ "backend": string(), "documents": { "type": "integer" }, "claims": { "type": "integer" },
            "sources": { "type": "integer" }, "quotes": { "type": "integer" }, "events": { "type": "integer" },
            "actors": { "type": "integer" }, "clusters": { "type": "integer" }, "contested_clusters": { "type": "integer" },
            "outlets": { "type": "array", "items": obj(json!({ "outlet": string(), "documents": { "type": "integer" } })) },
            "writes_enabled": { "type": "boolean" } })),
        "DocumentSummary": obj(json!({ "id": string(), "title": opt("string"), "outlet": opt("string"),
            "published": opt("string"), "url": opt("string"), "language": string(), "status": string(),
            "claims": { "type": "integer" } })),
        "DocumentView": { "allOf": [schema_ref("DocumentSummary"), obj(json!({
            "relayed_from": strings, "origin": opt("string"), "duplicate_of": opt("string"), "duplicates": strings,
            "document": { "type": "object", "description": "The byline/1 document as stored." } }))] },
        "ClaimSummary": obj(json!({ "doc_id": string(), "claim_id": string(), "text": opt("string"),
            "factuality": opt("string"), "published": opt("string"), "outlet": opt("string"), "url": opt("string"),
            "source_kinds": strings, "sources": strings, "cluster": opt("integer") })),
        "SourceView": obj(json!({ "id": string(), "text": string(), "kind": string(), "count": opt("integer"),
            "seniority": opt("string"), "role": opt("string"), "affiliation": opt("string"), "actor": opt("string") })),
        "ClaimView": obj(json!({ "doc_id": string(), "claim_id": string(), "text": string(), "context": string(),
            "factuality": string(), "cue": opt("string"), "quote": { "type": "boolean" }, "parent": opt("string"),
            "sources": { "type": "array", "items": schema_ref("SourceView") },
            "events": { "type": "array", "items": schema_ref("EventSummary") },
            "document": schema_ref("DocumentSummary"), "relayed_from": strings, "origin": opt("string"),
            "role": opt("string"), "cluster": { "oneOf": [schema_ref("ClusterView"), { "type": "null" }] } })),
        "ClusterSummary": obj(json!({ "id": { "type": "integer" }, "text": string(), "event_type": opt("string"),
            "first_seen": opt("string"), "reports": { "type": "integer" }, "claims": { "type": "integer" },
            "sources": strings, "independent_chains": { "type": "integer" }, "chains": strings,
            "confirmations": { "type": "integer" }, "denials": { "type": "integer" }, "contradictions": { "type": "integer" } })),
        "MemberView": obj(json!({ "doc_id": string(), "claim_id": string(), "outlet": opt("string"),
            "published": opt("string"), "event_date": opt("string"), "text": string(), "factuality": string(),
            "role": { "type": "string", "enum": ["support", "confirmation", "denial", "contradiction"] },
            "chains": strings, "sources": strings, "origin": opt("string") })),
        "ClusterView": { "allOf": [schema_ref("ClusterSummary"), obj(json!({ "contested": { "type": "boolean" },
            "members": { "type": "array", "items": schema_ref("MemberView") },
            "actors": { "type": "array", "items": schema_ref("ActorRef") } }))] },
        "ActorRef": obj(json!({ "id": { "type": "integer" }, "name": string(), "code": opt("string") })),
        "ActorSummary": obj(json!({ "id": { "type": "integer" }, "name": string(), "kind": string(),
            "country": opt("string"), "code": opt("string"), "roles": strings, "aliases": strings,
            "reports": { "type": "integer" }, "clusters": { "type": "integer" } })),
        "ActorView": { "allOf": [schema_ref("ActorSummary"), obj(json!({
            "partners": { "type": "array", "items": obj(json!({ "actor": schema_ref("ActorRef"),
                "clusters": { "type": "integer" }, "contested": { "type": "integer" },
                "event_types": { "type": "object", "additionalProperties": { "type": "integer" } } })) },
            "events": { "type": "array", "items": schema_ref("EventSummary") },
            "clusters": { "type": "array", "items": schema_ref("ClusterSummary") },
            "timeline": { "type": "array", "items": schema_ref("TimelineItem") } }))] },
        "Network": obj(json!({ "nodes": { "type": "array", "items": schema_ref("ActorSummary") },
            "edges": { "type": "array", "items": obj(json!({ "source": { "type": "integer" }, "target": { "type": "integer" },
                "clusters": { "type": "integer" }, "contested": { "type": "integer" } })) } })),
        "EventSummary": obj(json!({ "doc_id": string(), "event_id": string(), "event_type": opt("string"),
            "date": opt("string"), "trigger": opt("string"), "actor": opt("string"), "actor_code": opt("string"),
            "target": opt("string"), "target_code": opt("string"), "polarity": opt("string"), "status": opt("string"),
            "claim": opt("string"), "url": opt("string") })),
        "TimelineItem": obj(json!({ "date": opt("string"), "published": opt("string"), "cluster": { "type": "integer" },
            "doc_id": string(), "claim_id": opt("string"), "outlet": opt("string"), "event_type": opt("string"),
            "role": string(), "factuality": string(), "text": string() })),
        "SearchResults": obj(json!({ "q": string(), "actors": { "type": "array", "items": schema_ref("ActorSummary") },
            "claims": paged("ClaimSummary"), "documents": paged("DocumentSummary") }))
    });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "byline API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Read-only browsing of a byline store (documents, claims with provenance, claim clusters, actors, events, timelines) plus two write endpoints that need a bearer token. Lists page with limit/offset and report total and next_offset. Errors: {\"error\": {\"status\", \"message\"}}."
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": { "bearer": { "type": "http", "scheme": "bearer" } }
        }
    })
}

/// Every `(path, method)` the description documents, for checking it against the router.
pub fn operations() -> Vec<(String, String)> {
    let doc = document();
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            if let Some(ops) = item.as_object() {
                for method in ops.keys() {
                    out.push((path.clone(), method.clone()));
                }
            }
        }
    }
    out.sort();
    out
}
