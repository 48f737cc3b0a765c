//! The JSON API under `/api/…`: lists with paging (`limit`, `offset`; each answer carries
//! `total` and `next_offset`) and filters, single items by id, and two write endpoints that need
//! `Authorization: Bearer TOKEN`. Errors are JSON: `{"error": {"status": …, "message": …}}`.

use axum::extract::{FromRequest, FromRequestParts, Path, Request, State};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::data::{self, Page};
use crate::error::{error_body, Error, Result};
use crate::AppState;

/// Every API route: its path (axum syntax) and methods. `/openapi.json` must describe each one
/// (a test checks it).
pub const ROUTES: &[(&str, &[&str])] = &[
    ("/api/health", &["get"]),
    ("/api/stats", &["get"]),
    ("/api/documents", &["get", "post"]),
    ("/api/documents/{id}", &["get"]),
    ("/api/claims", &["get"]),
    ("/api/claims/{doc_id}/{claim_id}", &["get"]),
    ("/api/clusters", &["get"]),
    ("/api/clusters/{id}", &["get"]),
    ("/api/actors", &["get"]),
    ("/api/actors/{id}", &["get"]),
    ("/api/network", &["get"]),
    ("/api/events", &["get"]),
    ("/api/timeline", &["get"]),
    ("/api/search", &["get"]),
    ("/api/extract", &["post"]),
    ("/openapi.json", &["get"]),
];

/// The API routes (and `/openapi.json`).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/stats", get(stats))
        .route("/api/documents", get(documents).post(ingest))
        .route("/api/documents/{id}", get(document))
        .route("/api/claims", get(claims))
        .route("/api/claims/{doc_id}/{claim_id}", get(claim))
        .route("/api/clusters", get(clusters))
        .route("/api/clusters/{id}", get(cluster))
        .route("/api/actors", get(actors))
        .route("/api/actors/{id}", get(actor))
        .route("/api/network", get(network))
        .route("/api/events", get(events))
        .route("/api/timeline", get(timeline))
        .route("/api/search", get(search))
        .route("/api/extract", post(extract))
        .route("/openapi.json", get(openapi))
}

/// The answer to a path nothing serves: a JSON 404.
pub async fn not_found() -> Response {
    Error::NotFound("no such path".into()).into_response()
}

/// Query parameters, with malformed ones answered by a JSON 400.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| ApiQuery(q.0))
            .map_err(|e| Error::BadRequest(e.body_text()))
    }
}

/// A JSON body, with malformed or too large ones answered in JSON (400, 413, 415, 422).
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(ApiJson(v)),
            Err(e) => {
                let status = e.status();
                let message = if status == StatusCode::PAYLOAD_TOO_LARGE {
                    format!("body larger than {} bytes", crate::BODY_LIMIT)
                } else {
                    e.body_text()
                };
                Err((status, Json(error_body(status, &message))).into_response())
            }
        }
    }
}

/// Path parameters, with malformed ones answered by a JSON 404.
pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| ApiPath(p.0))
            .map_err(|e| Error::NotFound(e.body_text()))
    }
}

async fn health(State(state): State<AppState>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "status": "ok",
        "version": env!("CARGO_PKG_VERSION"),
        "store": state.target(),
        "writes_enabled": state.writes_enabled(),
    }))
}

async fn stats(State(state): State<AppState>) -> Result<Json<data::Stats>> {
    Ok(Json(data::stats(&state).await?))
}

#[derive(Deserialize)]
struct DocumentParams {
    outlet: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
    limit: Option<u32>,
    offset: Option<u64>,
}

async fn documents(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<DocumentParams>,
) -> Result<Json<data::Paged<data::DocumentSummary>>> {
    let page = Page::new(p.limit, p.offset)?;
    let filter = data::DocumentFilter {
        outlet: p.outlet,
        from: p.from,
        to: p.to,
        q: p.q,
    };
    Ok(Json(data::documents(&state, &filter, page).await?))
}

async fn document(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<data::DocumentView>> {
    Ok(Json(data::document(&state, &id).await?))
}

#[derive(Deserialize)]
struct ClaimParams {
    actor: Option<String>,
    factuality: Option<String>,
    source_kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
    limit: Option<u32>,
    offset: Option<u64>,
}

async fn claims(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<ClaimParams>,
) -> Result<Json<data::Paged<data::ClaimSummary>>> {
    let page = Page::new(p.limit, p.offset)?;
    if let Some(f) = p.factuality.as_deref().filter(|f| !f.is_empty()) {
        if !data::factualities().iter().any(|x| x == f) {
            return Err(Error::BadRequest(format!(
                "factuality must be one of {}",
                data::factualities().join(", ")
            )));
        }
    }
    let filter = data::ClaimFilter {
        actor: p.actor,
        factuality: p.factuality,
        source_kind: p.source_kind,
        from: p.from,
        to: p.to,
        q: p.q,
    };
    Ok(Json(data::claims(&state, &filter, page).await?))
}

async fn claim(
    State(state): State<AppState>,
    ApiPath((doc_id, claim_id)): ApiPath<(String, String)>,
) -> Result<Json<data::ClaimView>> {
    Ok(Json(data::claim(&state, &doc_id, &claim_id).await?))
}

#[derive(Deserialize)]
struct ClusterParams {
    actor: Option<String>,
    contested: Option<bool>,
    min_chains: Option<usize>,
    limit: Option<u32>,
    offset: Option<u64>,
}

async fn clusters(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<ClusterParams>,
) -> Result<Json<data::Paged<byline_link::ClusterSummary>>> {
    let page = Page::new(p.limit, p.offset)?;
    let filter = data::ClusterFilter {
        actor: p.actor,
        contested: p.contested.unwrap_or(false),
        min_chains: p.min_chains.unwrap_or(0),
    };
    Ok(Json(data::clusters(&state, &filter, page).await?))
}

async fn cluster(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<u32>,
) -> Result<Json<data::ClusterView>> {
    Ok(Json(data::cluster(&state, id).await?))
}

#[derive(Deserialize)]
struct ActorParams {
    q: Option<String>,
    kind: Option<String>,
    limit: Option<u32>,
    offset: Option<u64>,
}

async fn actors(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<ActorParams>,
) -> Result<Json<data::Paged<data::ActorSummary>>> {
    let page = Page::new(p.limit, p.offset)?;
    let filter = data::ActorFilter {
        q: p.q,
        kind: p.kind,
    };
    Ok(Json(data::actors(&state, &filter, page).await?))
}

async fn actor(
    State(state): State<AppState>,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<data::ActorView>> {
    Ok(Json(data::actor(&state, &id).await?))
}

#[derive(Deserialize)]
struct NetworkParams {
    max_nodes: Option<usize>,
}

async fn network(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<NetworkParams>,
) -> Result<Json<data::Network>> {
    Ok(Json(
        data::network(&state, p.max_nodes.unwrap_or(50)).await?,
    ))
}

#[derive(Deserialize)]
struct EventParams {
    actor: Option<String>,
    target: Option<String>,
    event_type: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<u32>,
    offset: Option<u64>,
}

async fn events(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<EventParams>,
) -> Result<Json<data::Paged<data::EventSummary>>> {
    let page = Page::new(p.limit, p.offset)?;
    let filter = data::EventFilter {
        actor: p.actor,
        target: p.target,
        event_type: p.event_type,
        from: p.from,
        to: p.to,
    };
    Ok(Json(data::events(&state, &filter, page).await?))
}

#[derive(Deserialize)]
struct TimelineParams {
    actor: Option<String>,
    other: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

async fn timeline(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<TimelineParams>,
) -> Result<Json<Vec<data::TimelineItem>>> {
    let filter = data::TimelineFilter {
        actor: p.actor,
        other: p.other,
        from: p.from,
        to: p.to,
    };
    Ok(Json(data::timeline(&state, &filter).await?))
}

#[derive(Deserialize)]
struct SearchParams {
    q: Option<String>,
    limit: Option<u32>,
    offset: Option<u64>,
}

async fn search(
    State(state): State<AppState>,
    ApiQuery(p): ApiQuery<SearchParams>,
) -> Result<Json<data::SearchResults>> {
    let page = Page::new(p.limit, p.offset)?;
    let q =
        p.q.ok_or_else(|| Error::BadRequest("q is required".into()))?;
    Ok(Json(data::search(&state, &q, page).await?))
}

/// Proof that the request carries the write token; checked before the body is read.
pub struct Authorized;

impl FromRequestParts<AppState> for Authorized {
    type Rejection = Error;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let header = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok());
        state.authorize(header).map(|()| Authorized)
    }
}

async fn extract(
    State(state): State<AppState>,
    _auth: Authorized,
    body: ApiJson<data::NewDocument>,
) -> Result<Json<byline_model::Document>> {
    Ok(Json(data::extract(&state, body.0).await?))
}

async fn ingest(
    State(state): State<AppState>,
    _auth: Authorized,
    body: ApiJson<data::NewDocument>,
) -> Result<Response> {
    let done = data::ingest(&state, body.0).await?;
    let status = if done.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(done)).into_response())
}

async fn openapi() -> Json<serde_json::Value> {
    Json(crate::openapi::document())
}
