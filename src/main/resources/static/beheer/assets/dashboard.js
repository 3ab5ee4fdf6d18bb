// Dashboard chart (Chart.js): per partner received, delivered, withheld and failed in the chosen window; polled every 5 s.
(function () {
  var canvas = document.getElementById('grafiek');
  if (!canvas || typeof Chart === 'undefined') {
    return;
  }
  var colours = { ontvangen: '#5b8bd0', bezorgd: '#2e7d32', ingehouden: '#b26a00', mislukt: '#b00020' };
  var series = ['ontvangen', 'bezorgd', 'ingehouden', 'mislukt'];
  var chart = new Chart(canvas, {
    type: 'bar',
    data: { labels: [], datasets: series.map(function (s) {
      return { label: canvas.dataset[s], data: [], backgroundColor: colours[s] };
    }) },
    options: { responsive: true, maintainAspectRatio: false, animation: false,
      scales: { x: { ticks: { autoSkip: false, maxRotation: 60 } }, y: { beginAtZero: true, ticks: { precision: 0 } } } }
  });
  function refresh() {
    fetch(canvas.dataset.bron, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
      .then(function (response) {
        if (response.status === 401) { window.location.href = '/beheer/inloggen?verlopen'; }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (!data) { return; }
        chart.data.labels = data.partners;
        series.forEach(function (s, i) { chart.data.datasets[i].data = data[s]; });
        chart.update();
      })
      .catch(function () { /* next poll */ });
  }
  refresh();
  setInterval(refresh, 5000);
})();
