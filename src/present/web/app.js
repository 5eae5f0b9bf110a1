// Shows where the member stands; every figure comes from the API.
const app = document.getElementById('app');
const response = await fetch('/api/status', { credentials: 'same-origin' });
if (response.status === 401) location.href = '/login';
const status = await response.json();
const heading = document.createElement('h1');
heading.textContent = status.error ? status.error.message : `${status.account}: ${status.pending} pending`;
app.append(heading);
