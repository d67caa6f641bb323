// The panic button works without JavaScript (a plain POST form). With JavaScript, the
// citizen may tick "share my current position": the browser's position is added to the
// form before it is sent. A refusal or a timeout sends the form without it.
(function () {
  function init() {
    var form = document.getElementById('panic-form');
    if (!form || !navigator.geolocation) return;
    var share = document.getElementById('panic-share');
    var box = document.getElementById('panic-share-box');
    if (box) box.hidden = false;
    var sending = false;
    form.addEventListener('submit', function (ev) {
      if (sending || !share || !share.checked) return;
      ev.preventDefault();
      sending = true;
      var done = function () { form.submit(); };
      var timer = setTimeout(done, 8000);
      navigator.geolocation.getCurrentPosition(function (p) {
        clearTimeout(timer);
        form.elements.position.value =
            p.coords.latitude.toFixed(5) + ',' + p.coords.longitude.toFixed(5);
        done();
      }, function () { clearTimeout(timer); done(); }, {timeout: 7000, maximumAge: 60000});
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
